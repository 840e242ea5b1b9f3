// Waiting in an e2e page until what it shows is final: the answers it waits for have come.
import type { Page } from 'playwright-core';

/**
 * The shell counts the questions on their way (data-fetching): at 0, no late answer is left to
 * change the page (a run list that widens the bar, a name that comes after the rows).
 */
export function questionsAnswered(page: Page): Promise<void> {
  return page.locator('main.content[data-fetching="0"]').waitFor();
}

/**
 * For expect.poll on what a page shows after a round trip to the core (or its engine): Playwright's
 * own wait for a locator (30 s) rather than expect.poll's default second, which a refetch on a
 * loaded machine outlasts (VIGIL_E2E_JITTER_MS=1500 failed six such polls).
 */
export const UNTIL_SHOWN = { timeout: 30_000 } as const;
