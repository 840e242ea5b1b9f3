// Waiting in an e2e page until what it shows is final: every question it asked the core answered.
import type { Page } from 'playwright-core';

/**
 * The shell counts the questions on their way (data-fetching): at 0, no late answer is left to
 * change the page (a run list that widens the bar, a name that comes after the rows).
 */
export function questionsAnswered(page: Page): Promise<void> {
  return page.locator('main.content[data-fetching="0"]').waitFor();
}
