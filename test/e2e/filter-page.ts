// Typing a filter into the global filter bar in a real browser, as an analyst does: the text, then
// Enter, which applies it at once.
import type { Page } from 'playwright-core';

export async function filterTo(page: Page, text: string): Promise<void> {
  await page.getByTestId('filter-input').fill(text);
  await page.getByTestId('filter-input').press('Enter');
}
