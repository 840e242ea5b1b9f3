import { type Db, openDatabase } from '../../core/db/open.js';
import { analystName } from '../../core/triage/analyst.js';
import type { CommonOptions } from '../options.js';

export interface AnalystOptions extends CommonOptions {
  analyst?: string;
}

/** Opens the database for one command, with the analyst who signs its changes, and closes it after. */
export async function withDb<T>(
  options: AnalystOptions,
  use: (db: Db, analyst: string) => T | Promise<T>,
): Promise<T> {
  const db = openDatabase(options.db);
  try {
    return await use(db, options.analyst ?? analystName(db));
  } finally {
    db.close();
  }
}

export const ANALYST_HELP =
  'name that signs the change (default: the analyst setting, else your OS user name)';

/** Collects a repeatable option into a list. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

export function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} must be a positive whole number, not "${text}".`);
  return n;
}
