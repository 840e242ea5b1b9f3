// CSV and JSON of sessions, streamed row by row to a file (memory stays flat for any size) through
// json-stream.ts's writer. Every CSV text cell is neutralised against spreadsheet formula
// injection; JSON is read by programs (jq, a SIEM), which run no formula, so its values stay
// exactly as logged.

import { SESSION_FIELDS } from '../../../src-shared/fields/index.js';
import type { ExportRecords } from '../db/session-export.js';
import { writeChunks } from './json-stream.js';
import { neutraliseCell } from './neutralise.js';

type Cell = string | number | null;

/** How a stored value becomes a CSV cell: as it is, as an ISO-8601 time, or as JSON text. */
type CellKind = 'value' | 'time' | 'json';

// The session's fields that have a CSV header in the field table (src-shared/fields), in table
// order, then the analyst's verdict and tags, then the extra columns, then the rule hits (a JSON
// array of {ruleId, title, level, field, value}; empty when the session has none), then flagged_by:
// the detection set's name when it flags the session, empty when it does not.
const CSV_COLUMNS: [header: string, column: string, kind: CellKind][] = [
  ...SESSION_FIELDS.flatMap((field): [string, string, CellKind][] =>
    'csv' in field ? [[field.csv, field.name, field.type === 'time' ? 'time' : 'value']] : [],
  ),
  ['verdict', 'verdict', 'value'],
  // Part of the verdict: without them re-judging a session as another kind left the file unchanged.
  ['verdict_kind', 'verdictKind', 'value'],
  ['verdict_by', 'verdictBy', 'value'],
  ['verdict_at', 'verdictAt', 'time'],
  ['verdict_note', 'verdictNote', 'value'],
  ['tags', 'tags', 'value'],
  ['attrs', 'attrs', 'json'],
  ['rule_hits', 'ruleHits', 'json'],
  ['flagged_by', 'flaggedBy', 'value'],
];

// Stored attribute sets repeat across many sessions (one per combination of extra columns), so
// each is parsed once; the memo starts over past this many distinct sets.
const ATTRS_MEMO_LIMIT = 10_000;

function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutraliseCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Memoises `convert` of stored JSON text (attribute sets repeat across sessions). */
function jsonMemo<T>(convert: (json: string) => T): (json: string) => T {
  const memo = new Map<string, T>();
  return (json) => {
    let out = memo.get(json);
    if (out === undefined) {
      if (memo.size >= ATTRS_MEMO_LIMIT) memo.clear();
      out = convert(json);
      memo.set(json, out);
    }
    return out;
  };
}

/** Position of each named column in the records (an export always selects all of them). */
function position(records: ExportRecords, name: string): number {
  const at = records.columns.indexOf(name);
  if (at < 0) throw new Error(`export rows lack the ${name} column`);
  return at;
}

export async function writeSessionsCsv(file: string, records: ExportRecords): Promise<number> {
  const cells = CSV_COLUMNS.map(([, column, kind]) => ({ kind, index: position(records, column) }));
  const jsonCell = jsonMemo((json) => csvCell(JSON.stringify(JSON.parse(json))));
  let count = 0;
  function* lines() {
    yield `${CSV_COLUMNS.map(([header]) => header).join(',')}\r\n`;
    for (const row of records.rows) {
      count++;
      let line = '';
      let first = true;
      for (const { kind, index } of cells) {
        const value = row[index] as Cell;
        if (!first) line += ',';
        first = false;
        if (value === null) continue;
        line +=
          kind === 'time'
            ? new Date(value as number).toISOString()
            : kind === 'json'
              ? value === ''
                ? ''
                : jsonCell(value as string)
              : csvCell(value);
      }
      yield `${line}\r\n`;
    }
  }
  await writeChunks(file, lines());
  return count;
}

export async function writeSessionsJson(file: string, records: ExportRecords): Promise<number> {
  const names = records.columns;
  const attrsAt = names.indexOf('attrs');
  const hitsAt = names.indexOf('ruleHits');
  const attrsObject = jsonMemo((json) => JSON.parse(json) as Record<string, string>);
  let count = 0;
  function* lines() {
    yield '[';
    for (const row of records.rows) {
      const out: Record<string, unknown> = {};
      names.forEach((name, k) => {
        const value = row[k];
        if (k === attrsAt) out[name] = value ? attrsObject(value as string) : null;
        else if (k === hitsAt) out[name] = value ? JSON.parse(value as string) : [];
        else out[name] = value;
      });
      yield `${count++ === 0 ? '\n' : ',\n'}${JSON.stringify(out)}`;
    }
    yield '\n]\n';
  }
  await writeChunks(file, lines());
  return count;
}
