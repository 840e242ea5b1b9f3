import type { Db } from './open.js';

/**
 * An SQL aggregate whose state is a JS object, for one pass over many rows into maps: SQLite's
 * GROUP BY sorts every row first, and reading the rows out as objects costs more than the pass.
 * The step gets each row's values as arguments (better-sqlite3 counts its declared parameters, so
 * no rest parameter). `read(db, sql, params, initial)` runs `sql`, which must select `name(…)`
 * once, from `initial` (default: a fresh start()) and returns the final state; `register(db)`
 * defines the function on a connection without running anything (read does it on first use).
 */
export function jsAggregate<T>(
  name: string,
  start: () => T,
  // biome-ignore lint/suspicious/noExplicitAny: each aggregate declares its own argument types
  step: (state: T, ...values: any[]) => T,
): { read(db: Db, sql: string, params: Record<string, unknown>, initial?: T): T; register(db: Db): void } {
  const registered = new WeakSet<Db>();
  // The result of an aggregate must be an SQL value, so the state comes out through here
  // (statements run synchronously: no other run can finish in between).
  let finished: T | null = null;
  let initialState: T | null = null;
  const register = (db: Db) => {
    if (registered.has(db)) return;
    db.aggregate(name, {
      start: () => initialState ?? start(),
      step: step as (state: T) => T,
      result: (state: T) => {
        finished = state;
        return null;
      },
    });
    registered.add(db);
  };
  const read = (db: Db, sql: string, params: Record<string, unknown>, initial?: T) => {
    register(db);
    finished = null;
    initialState = initial ?? null;
    try {
      db.prepare(sql).get(params);
      return finished ?? initial ?? start();
    } finally {
      finished = null;
      initialState = null;
    }
  };
  return { read, register };
}
