// One read snapshot held across awaits: an export that reads the database in several passes (the
// STIX bundle: reports/stix.ts) sees the same rows in each, whatever is committed meanwhile. WAL
// keeps the snapshot without holding any lock a writer waits on.
import type { Db } from './open.js';

/**
 * Runs `use` in one read transaction of `reader`: a connection of the caller's own, which nothing
 * else uses until `use` settles (a statement of other work would run inside the transaction).
 */
export async function inReadSnapshot<T>(reader: Db, use: () => Promise<T>): Promise<T> {
  reader.exec('BEGIN');
  try {
    return await use();
  } finally {
    reader.exec('ROLLBACK');
  }
}
