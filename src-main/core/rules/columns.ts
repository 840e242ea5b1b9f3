// The shapes a batch of sessions can come in, and how the evaluator reads a field's value from
// them. A batch is either an array of session-like records or columns: texts as codes into a
// dictionary (what the import pipeline's encoded batches and interned columns are) or as plain
// values, numbers as a Float64Array with NaN for missing.

import {
  extensionOf,
  isNumberField,
  type NumberField,
  type RequestRecord,
  type RuleField,
  type TextField,
  uriOf,
} from './fields.js';

/**
 * Lasting ids (TextColumn.ids) are below this, so a memo can pack two of them into one number
 * that stays below 2^53.
 */
export const ID_SPAN = 2 ** 22;

export type TextColumn =
  /**
   * codes[i] < 0: missing; otherwise dict[codes[i]] (null there: missing too). `ids`, when given,
   * names each dictionary entry the same way in every batch of a run (below ID_SPAN), so what a
   * value decided can be remembered across batches (atom-memo.ts).
   */
  | { codes: Int32Array; dict: readonly (string | null)[]; ids?: Int32Array }
  | { values: readonly (string | null | undefined)[] };

export interface ColumnBatch {
  rows: number;
  /** Which giving-out of the text columns' lasting ids they are from (string-codes.ts epoch). */
  epoch?: number;
  texts?: { readonly [F in TextField]?: TextColumn };
  numbers?: { readonly [F in NumberField]?: Float64Array };
}

/** A column for one field of the batch, as the evaluator reads it. */
export type FieldColumn =
  | { kind: 'codes'; codes: Int32Array; dict: readonly (string | null)[]; ids?: Int32Array }
  | { kind: 'values'; values: readonly (string | null | undefined)[] }
  | { kind: 'numbers'; values: Float64Array }
  /**
   * Computed from other columns (uri, uriExtension). `key` numbers the row's combination of
   * dictionary codes when every part has them, so repeats are decided once without building the
   * text; `lastingKey` numbers it by the parts' lasting ids when every part has those, the same
   * number in every batch (only asked for a combination new to the batch).
   */
  | {
      kind: 'derived';
      make: (row: number) => string | null;
      key: ((row: number) => number) | null;
      lastingKey: ((row: number) => number) | null;
    }
  | { kind: 'missing' };

const MISSING: FieldColumn = { kind: 'missing' };

/** Columns of the fields the rules use, taken from records (one pass per field). */
export function columnsOfRecords(
  records: readonly RequestRecord[],
  fields: readonly RuleField[],
): ColumnBatch {
  const texts: Record<string, TextColumn> = {};
  const numbers: Record<string, Float64Array> = {};
  const needed = new Set<string>(fields.flatMap((field) => sourcesOf(field)));
  for (const field of needed) {
    if (isNumberField(field)) {
      const values = new Float64Array(records.length);
      for (let i = 0; i < records.length; i++) {
        const value = records[i]?.[field];
        values[i] = typeof value === 'number' ? value : Number.NaN;
      }
      numbers[field] = values;
    } else {
      const name = field as TextField;
      texts[field] = { values: records.map((record) => record[name]) };
    }
  }
  return { rows: records.length, texts, numbers };
}

/** The stored fields a rule field is read from. */
export function sourcesOf(field: RuleField): RuleField[] {
  if (field === 'uri') return ['path', 'query'];
  if (field === 'uriExtension') return ['path'];
  return [field];
}

export function textAt(column: FieldColumn, row: number): string | null {
  switch (column.kind) {
    case 'codes': {
      const code = column.codes[row] ?? -1;
      return code < 0 ? null : (column.dict[code] ?? null);
    }
    case 'values':
      return column.values[row] ?? null;
    case 'numbers': {
      const value = column.values[row] ?? Number.NaN;
      return Number.isNaN(value) ? null : String(value);
    }
    case 'derived':
      return column.make(row);
    case 'missing':
      return null;
  }
}

/** The column of a field (derived fields computed row by row). */
export function columnOf(batch: ColumnBatch, field: RuleField): FieldColumn {
  if (field === 'uri') {
    const path = columnOf(batch, 'path');
    const query = columnOf(batch, 'query');
    if (path.kind === 'missing' && query.kind === 'missing') return MISSING;
    return {
      kind: 'derived',
      make: (row) => uriOf(textAt(path, row), textAt(query, row)),
      ...codeKey(path, query),
    };
  }
  if (field === 'uriExtension') {
    const path = columnOf(batch, 'path');
    if (path.kind === 'missing') return MISSING;
    return { kind: 'derived', make: (row) => extensionOf(textAt(path, row)), ...codeKey(path, MISSING) };
  }
  if (isNumberField(field)) {
    const values = batch.numbers?.[field];
    return values ? { kind: 'numbers', values } : MISSING;
  }
  const column = batch.texts?.[field];
  if (!column) return MISSING;
  return 'codes' in column ? { kind: 'codes', ...column } : { kind: 'values', values: column.values };
}

/**
 * Numbers for the pair of codes of a row, when both columns are coded (or missing): one made of
 * the batch's codes, and one made of the entries' lasting ids when both coded columns have them.
 */
function codeKey(
  first: FieldColumn,
  second: FieldColumn,
): { key: ((row: number) => number) | null; lastingKey: ((row: number) => number) | null } {
  const codesOf = (column: FieldColumn) =>
    column.kind === 'codes' ? column : column.kind === 'missing' ? null : undefined;
  const a = codesOf(first);
  const b = codesOf(second);
  if (a === undefined || b === undefined) return { key: null, lastingKey: null };
  // Codes are below the dictionary's length, so (a + 1) · (size + 1) + (b + 1) is one number per pair.
  const size = (b?.dict.length ?? 0) + 1;
  const key = (row: number) => ((a?.codes[row] ?? -1) + 1) * size + ((b?.codes[row] ?? -1) + 1);
  const aIds = a?.ids;
  const bIds = b?.ids;
  if ((a !== null && aIds === undefined) || (b !== null && bIds === undefined))
    return { key, lastingKey: null };
  // Ids are below ID_SPAN, so (a + 1) · (ID_SPAN + 1) + (b + 1) is one number per pair (< 2^53).
  const idOf = (ids: Int32Array | undefined, codes: Int32Array | undefined, row: number) => {
    const code = codes?.[row] ?? -1;
    return code < 0 ? -1 : (ids?.[code] ?? -1);
  };
  return {
    key,
    lastingKey: (row) => (idOf(aIds, a?.codes, row) + 1) * (ID_SPAN + 1) + (idOf(bIds, b?.codes, row) + 1),
  };
}
