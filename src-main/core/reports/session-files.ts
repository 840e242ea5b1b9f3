// CSV and JSON of sessions, streamed row by row to a file (memory stays flat for any size), with
// every text cell neutralised against spreadsheet formula injection.

import { once } from 'node:events';
import fs from 'node:fs';
import type { ExportRow } from '../db/session-export.js';
import { neutraliseCell } from './neutralise.js';

type Cell = string | number | null;

const COLUMNS: [header: string, get: (r: ExportRow) => Cell][] = [
  ['id', (r) => r.id],
  ['start', (r) => new Date(r.startTs).toISOString()],
  ['end', (r) => new Date(r.endTs).toISOString()],
  ['src_ip', (r) => r.srcIp],
  ['dst_ip', (r) => r.dstIp],
  ['src_port', (r) => r.srcPort],
  ['dst_port', (r) => r.dstPort],
  ['protocol', (r) => r.protocol],
  ['bytes_in', (r) => r.bytesIn],
  ['bytes_out', (r) => r.bytesOut],
  ['packets', (r) => r.packets],
  ['response_code', (r) => r.responseCode],
  ['country', (r) => r.country],
  ['asn', (r) => r.asn],
  ['rule_name', (r) => r.ruleName],
  ['detection_type', (r) => r.detectionType],
  ['action', (r) => r.action],
  ['label', (r) => r.label],
  ['verdict', (r) => r.verdict],
  ['verdict_by', (r) => r.verdictBy],
  ['verdict_note', (r) => r.verdictNote],
  ['tags', (r) => r.tags],
  ['attrs', (r) => (r.attrs ? JSON.stringify(r.attrs) : null)],
];

function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutraliseCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Neutralises the text values of a row for JSON (numbers and nulls stay as they are). */
function jsonRow(row: ExportRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'string') out[key] = neutraliseCell(value);
    else if (key === 'attrs' && value)
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, string>).map(([k, v]) => [
          neutraliseCell(k),
          neutraliseCell(v),
        ]),
      );
    else out[key] = value;
  }
  return out;
}

/** Writes lines through a file stream, waiting whenever its buffer is full. */
async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = fs.createWriteStream(file);
  const failed = once(out, 'error').then(([error]) => Promise.reject(error));
  failed.catch(() => {});
  for (const line of lines) if (!out.write(line)) await Promise.race([once(out, 'drain'), failed]);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}

export async function writeSessionsCsv(file: string, rows: Iterable<ExportRow>): Promise<number> {
  let count = 0;
  function* lines() {
    yield `${COLUMNS.map(([h]) => h).join(',')}\r\n`;
    for (const row of rows) {
      count++;
      yield `${COLUMNS.map(([, get]) => csvCell(get(row))).join(',')}\r\n`;
    }
  }
  await writeLines(file, lines());
  return count;
}

export async function writeSessionsJson(file: string, rows: Iterable<ExportRow>): Promise<number> {
  let count = 0;
  function* lines() {
    yield '[';
    for (const row of rows) yield `${count++ === 0 ? '\n' : ',\n'}${JSON.stringify(jsonRow(row))}`;
    yield '\n]\n';
  }
  await writeLines(file, lines());
  return count;
}
