// The Rules view as the e2e tests read it: a set's card by its source, the card's counts line, and
// the hits the database holds for a rule, to compare with what the view shows.
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';

export const ruleSetCard = (page: Page, source: string) => page.locator(`[data-source="${source}"]`);

export const ruleSetCounts = async (page: Page, source: string) =>
  (await ruleSetCard(page, source).getByTestId('rule-set-counts').textContent()) ?? '';

/** The hits stored for the rules titled `title`, read from the database file itself. */
export function storedHitsOf(dbPath: string, title: string): number {
  const reader = new Database(dbPath, { readonly: true });
  try {
    return reader
      .prepare('SELECT count(*) FROM rule_hits h JOIN rules r ON r.id = h.rule WHERE r.title = ?')
      .pluck()
      .get(title) as number;
  } finally {
    reader.close();
  }
}
