// An encoded batch (batch-codec.ts) as the columns the rule engine reads (core/rules/columns.ts):
// a text field's dictionary codes copied out of the row-major lanes (with the parser's lasting id
// of each code), a number field's values with NaN for missing. No text is decoded: the engine
// decides each distinct string once per import.
import { isNumberField, type NumberField, type RuleField, type TextField } from '../rules/fields.js';
import type { ColumnBatch, TextColumn } from '../rules/index.js';
import { type EncodedBatch, NUM, NUM_COLS, STR, STR_COLS } from './batch-codec.js';

const hasLane = <T extends object>(lanes: T, name: string): name is Extract<keyof T, string> =>
  Object.hasOwn(lanes, name);

/** The columns of `fields` (stored fields, not derived ones) that the batch carries. */
export function batchColumns(batch: EncodedBatch, fields: readonly RuleField[]): ColumnBatch {
  const texts: { [F in TextField]?: TextColumn } = {};
  const numbers: { [F in NumberField]?: Float64Array } = {};
  const rows = batch.rows;
  for (const field of fields) {
    if (isNumberField(field)) {
      if (!hasLane(NUM, field)) continue;
      const lane = NUM[field];
      const values = new Float64Array(rows);
      for (let row = 0; row < rows; row++) values[row] = batch.num[row * NUM_COLS + lane] as number;
      numbers[field] = values;
    } else if (hasLane(STR, field)) {
      const lane = STR[field];
      const codes = new Int32Array(rows);
      for (let row = 0; row < rows; row++) codes[row] = batch.str[row * STR_COLS + lane] as number;
      texts[field as TextField] = { codes, dict: batch.dict, ids: batch.ids };
    }
  }
  return { rows, epoch: batch.epoch, texts, numbers };
}
