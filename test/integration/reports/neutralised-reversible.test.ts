// Formula neutralisation must not lose the logged value: a cell gets a leading `'` when it starts
// with a formula character, so a value that already started with `'` would read the same as one
// neutralised (`'+OR+1=1--` logged, or `+OR+1=1--` neutralised?). A value starting with `'` gets one
// too, so dropping one leading `'` from any cell that has one gives back exactly what was logged.
// JSON is not neutralised at all: it is read by programs (jq, a SIEM), not run by a spreadsheet.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { exportToFile } from '../../../src-main/core/reports/export-file.js';
import { openWorkspace, type Workspace } from '../triage/harness.js';
import { parseCsv } from './csv-parse.js';

// Query, user agent: a quote-led payload and its quote-less twin, which must stay apart.
const LOGGED: [string, string][] = [
  ["'+OR+1=1--", "'-1"],
  ['+OR+1=1--', '-1'],
  ["''=x", "'plain"],
];
const lines = LOGGED.map(
  ([query, agent], i) =>
    `198.51.100.7 - - [10/Oct/2024:13:55:3${i} +0000] "GET /p?${query} HTTP/1.1" 200 1 "-" "${agent}"`,
);
const restored = (cell: string) => (cell.startsWith("'") ? cell.slice(1) : cell);

let dir: string;
let ws: Workspace;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-neutralised-'));
  ws = openWorkspace(dir);
  const log = path.join(dir, 'access.log');
  fs.writeFileSync(log, `${lines.join('\n')}\n`);
  expect((await runImport(ws.db, { file: log, enrich: false })).stored).toBe(LOGGED.length);
  for (const format of ['csv', 'json'] as const) {
    files[format] = path.join(dir, `sessions.${format}`);
    await exportToFile(ws.db, { filter: {}, format, path: files[format] as string });
  }
});

afterAll(() => {
  ws.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('neutralised cells', () => {
  it('give back the logged value in CSV when one leading quote is dropped', () => {
    const [header, ...rows] = parseCsv(fs.readFileSync(files.csv as string, 'utf8')) as string[][];
    const pairs = rows.map((r) => [r[header!.indexOf('query')]!, r[header!.indexOf('user_agent')]!]);
    expect(pairs.map(([q, a]) => [restored(q!), restored(a!)]).sort()).toEqual([...LOGGED].sort());
  });

  it('are CSV only: JSON, read by programs, keeps every value exactly as logged', () => {
    const rows = JSON.parse(fs.readFileSync(files.json as string, 'utf8')) as {
      query: string;
      userAgent: string;
    }[];
    expect(rows.map((r) => [r.query, r.userAgent]).sort()).toEqual([...LOGGED].sort());
  });
});
