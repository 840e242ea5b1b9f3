// Tab-separated rows with a header of Vigil's own session field names, each value already in
// Vigil's unit and escaped as ClickHouse's TabSeparated format escapes it (`\N` for none): what a
// pull from a ClickHouse source writes, the engine's answer passed through as it came. Reading it
// costs a split and an unescape per row, where JSON lines cost a parse and an object per row on
// both the pulling and the importing side. Never auto-detected: only a pull names it.
// Not the fields' index, which loads zod for its schemas: the parser thread needs none (batch-codec.ts).
import { LOG_FIELDS } from '../../../../src-shared/fields/select.js';
import type { FormatDefinition, SessionRow } from '../types.js';
import { RowError } from '../values.js';
import { LineRecordParser } from './line-records.js';
import { sessionRowOfValues } from './session-jsonl.js';

const FIELD_AT = new Map<string, number>(LOG_FIELDS.map((field, at) => [field.name, at]));
/** Fields with fractions: the engine writes a float it has no value for as nan or inf, JSON as null. */
const FLOAT_AT = new Set(LOG_FIELDS.flatMap((field, at) => (field.type === 'number' ? [at] : [])));
const NOT_A_NUMBER = new Set(['nan', '-nan', 'inf', '-inf', '+inf']);

/** ClickHouse's TabSeparated escapes (`\t`, `\n`, `\\`, …); any other escaped character stands for itself. */
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '0': '\0' };

export function unescapeTsv(value: string): string {
  if (value.indexOf('\\') === -1) return value;
  return value.replace(/\\(.)/gs, (_, c: string) => ESCAPES[c] ?? c);
}

class SessionTsvParser extends LineRecordParser {
  /** Where each column's field is in LOG_FIELDS, from the header line; null until it is read. */
  private columns: number[] | null = null;
  /** Whether each column's field has fractions (then nan and inf are no value). */
  private fractional: boolean[] = [];
  /** One row's values in LOG_FIELDS order, reused: sessionRowOfValues copies what it keeps. */
  private readonly fields: (string | undefined)[] = new Array(LOG_FIELDS.length);

  protected override directive(line: string): boolean {
    if (this.columns !== null) return false;
    this.columns = line.split('\t').map((name) => {
      const at = FIELD_AT.get(name);
      // The header is the pull's own: an unknown name means the file is not what it says.
      if (at === undefined)
        throw new Error(`Not a session TSV: "${name.slice(0, 40)}" is not a session field`);
      return at;
    });
    this.fractional = this.columns.map((at) => FLOAT_AT.has(at));
    return true;
  }

  protected toRow(line: string, lineNo: number): SessionRow {
    const columns = this.columns!;
    const values = line.split('\t');
    if (values.length !== columns.length)
      throw new RowError(`expected ${columns.length} tab-separated values, found ${values.length}`);
    const fields = this.fields;
    fields.fill(undefined);
    for (let i = 0; i < columns.length; i++) {
      const value = values[i]!;
      if (value === '\\N' || (this.fractional[i] && NOT_A_NUMBER.has(value))) continue;
      fields[columns[i]!] = unescapeTsv(value);
    }
    return sessionRowOfValues(fields, lineNo);
  }
}

export const sessionTsv: FormatDefinition = {
  id: 'session-tsv',
  label: "Tab-separated rows with Vigil's field names (pulls from ClickHouse sources)",
  detect: () => 0,
  createParser: () => new SessionTsvParser(),
};
