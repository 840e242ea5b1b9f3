// Marks that move whenever the stored data may have changed: what a read kept for later compares
// before it answers from memory.
import type { Db } from './open.js';

/** Moves when another connection commits (imports, scores, the writer thread). */
export function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/** Moves when another connection commits, or this one changes a row. */
export function dataChangeMark(db: Db): [number, number] {
  return [dataVersion(db), db.prepare('SELECT total_changes()').pluck().get() as number];
}
