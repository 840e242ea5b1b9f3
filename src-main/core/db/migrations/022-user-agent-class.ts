import type Database from 'better-sqlite3';
import { userAgentClass } from '../../../../src-shared/user-agent-class.js';
import type { Migration } from './index.js';

const PAGE = 5000;

/**
 * The class of each stored user agent (browser, bot, tool, empty: src-shared/user-agent-class.ts),
 * beside its text, for `uaclass:` and the Overview's user-agent panel. New values get theirs when
 * they are interned (FieldDef.valueClass); the ones stored before are classed here, once per
 * distinct user agent (tens of thousands at most in a real log, well under a second).
 */
export const userAgentClassColumn: Migration = {
  name: 'user agents: the class of each (browser, bot, tool, empty)',
  sql: 'ALTER TABLE user_agents ADD COLUMN class TEXT;',
  run: classifyStored,
};

function classifyStored(db: Database.Database): void {
  const page = db.prepare('SELECT id, value FROM user_agents WHERE id > ? ORDER BY id LIMIT ?');
  const update = db.prepare('UPDATE user_agents SET class = ? WHERE id = ?');
  let after = 0;
  for (;;) {
    const rows = page.all(after, PAGE) as { id: number; value: string }[];
    for (const { id, value } of rows) update.run(userAgentClass(value), id);
    const last = rows.at(-1);
    if (last === undefined || rows.length < PAGE) return;
    after = last.id;
  }
}
