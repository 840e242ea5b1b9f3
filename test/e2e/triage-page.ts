// Driving the Triage view in a real browser.
import type { Page } from 'playwright-core';

/**
 * The queue as a plain list: every verdict, one row after another, focus staying where a verdict
 * was given. These tests walk rows by position, which the default queue (not yet judged, grouped
 * by source IP, focus moving on) changes under them as judged rows leave.
 */
export async function classicQueue(page: Page): Promise<void> {
  await page.getByTestId('triage-verdict-filter').selectOption('');
  await page.getByLabel('group by source IP').uncheck();
  await page.getByTestId('triage-advance').uncheck();
  // The grouped list stays on screen until the plain one is answered: rows read before that are
  // in another order. The plain list is there once rows show without a group heading.
  await page.getByTestId('triage-row').first().waitFor();
  await page.getByTestId('triage-group').first().waitFor({ state: 'detached' });
}
