import type Database from 'better-sqlite3';
import { userAgentClass } from '../../../../src-shared/user-agent-class.js';
import type { Migration } from './index.js';

const PAGE = 5000;

/**
 * The stored user agents classed again after the patterns changed (a Cubot phone's browser was a
 * bot): `uaclass:` and the unfiltered Overview read the stored class, a filtered Overview classes
 * as it reads, so a stale class would make the two disagree. Only the rows whose class changed are
 * written; tens of thousands of distinct agents take well under a second.
 */
export const userAgentClassAgain: Migration = {
  name: 'user agents: classed again (Cubot phones are browsers, not bots)',
  sql: '',
  run: reclassify,
};

function reclassify(db: Database.Database): void {
  const page = db.prepare('SELECT id, value, class FROM user_agents WHERE id > ? ORDER BY id LIMIT ?');
  const update = db.prepare('UPDATE user_agents SET class = ? WHERE id = ?');
  let after = 0;
  for (;;) {
    const rows = page.all(after, PAGE) as { id: number; value: string; class: string | null }[];
    for (const row of rows) {
      const now = userAgentClass(row.value);
      if (now !== row.class) update.run(now, row.id);
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < PAGE) return;
    after = last.id;
  }
}
