// Stored sessions as the rule engine's columns, page by page in id order, for a rules run over the
// whole database. An interned field (a path, a user agent) is read as its dictionary id, and the
// dictionary is read once: the engine then decides each distinct text once, as it does at import.
import { type FieldDef, SESSION_FIELDS } from '../../../src-shared/fields/index.js';
import type { ColumnBatch, TextColumn } from '../rules/columns.js';
import { isNumberField, type NumberField, type RuleField, type TextField } from '../rules/fields.js';
import type { Db } from './open.js';
import { finishedOnlySql, unfinishedImports } from './visibility.js';

export interface SessionColumnPage {
  ids: Float64Array;
  startTs: Float64Array;
  batch: ColumnBatch;
}

interface Read {
  field: RuleField;
  column: string;
  /** The dictionary of an interned field (its values by id). */
  dict: (string | null)[] | null;
}

function dictionaryOf(db: Db, table: string): (string | null)[] {
  const values: (string | null)[] = [];
  for (const [id, value] of db.prepare(`SELECT id, value FROM ${table}`).raw().iterate() as Iterable<
    [number, string]
  >)
    values[id] = value;
  return values;
}

/** The sessions of finished imports, `pageRows` at a time, with the columns of `fields`. */
export function* sessionColumnPages(
  db: Db,
  fields: readonly RuleField[],
  pageRows: number,
): Generator<SessionColumnPage> {
  const reads: Read[] = [];
  for (const field of fields) {
    const def: FieldDef | undefined = SESSION_FIELDS.find((candidate) => candidate.name === field);
    if (!def) continue; // A field sessions do not store is missing in every row.
    reads.push({
      field,
      column: def.column,
      dict: def.storage === 'interned' ? dictionaryOf(db, def.dictionary) : null,
    });
  }
  const finished = finishedOnlySql(unfinishedImports(db));
  const select = db
    .prepare(
      `SELECT id, start_ts${reads.map((read) => `, ${read.column}`).join('')} FROM sessions
       WHERE id > ? ${finished ? `AND ${finished}` : ''} ORDER BY id LIMIT ${Math.trunc(pageRows)}`,
    )
    .raw();
  let after = 0;
  for (;;) {
    const rows = select.all(after) as unknown[][];
    if (rows.length === 0) return;
    const n = rows.length;
    const ids = new Float64Array(n);
    const startTs = new Float64Array(n);
    const texts: { [F in TextField]?: TextColumn } = {};
    const numbers: { [F in NumberField]?: Float64Array } = {};
    for (let r = 0; r < n; r++) {
      const row = rows[r] as unknown[];
      ids[r] = row[0] as number;
      startTs[r] = row[1] as number;
    }
    reads.forEach((read, k) => {
      const at = k + 2;
      if (isNumberField(read.field)) {
        const values = new Float64Array(n);
        for (let r = 0; r < n; r++) {
          const value = (rows[r] as unknown[])[at];
          values[r] = typeof value === 'number' ? value : Number.NaN;
        }
        numbers[read.field] = values;
      } else if (read.dict) {
        const codes = new Int32Array(n);
        for (let r = 0; r < n; r++) {
          const value = (rows[r] as unknown[])[at];
          codes[r] = typeof value === 'number' ? value : -1;
        }
        texts[read.field as TextField] = { codes, dict: read.dict };
      } else {
        texts[read.field as TextField] = { values: rows.map((row) => row[at] as string | null) };
      }
    });
    after = ids[n - 1] as number;
    yield { ids, startTs, batch: { rows: n, texts, numbers } };
  }
}

/** How many sessions of finished imports there are (a run's progress total). */
export function finishedSessionCount(db: Db): number {
  const finished = finishedOnlySql(unfinishedImports(db));
  return db
    .prepare(`SELECT count(*) FROM sessions ${finished ? `WHERE ${finished}` : ''}`)
    .pluck()
    .get() as number;
}
