import type { Db } from './open.js';

/**
 * Turns this connection's foreign-key checks off until the returned function is called (calling
 * it again does nothing). For a writer whose rows can only reference rows it holds itself: a
 * checked foreign key makes SQLite keep a statement journal for every multi-row INSERT, in case
 * the check fails half-way. The setting is per connection and cannot change inside a transaction.
 */
export function pauseForeignKeys(db: Db): () => void {
  const enabled = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  let restored = false;
  return () => {
    if (restored || !enabled) return;
    restored = true;
    db.pragma('foreign_keys = ON');
  };
}
