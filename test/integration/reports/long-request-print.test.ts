// A request of 60 000 characters (a padded scanner probe) is cut in the printed report, saying how
// long it was, as the user agent is: uncut, one such line made a two-session case 70 PDF pages. So
// is a Host header of 8 000 (a server's header limit), and a rule's matched value padded to 20 000.
// The CSV export keeps them whole.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { exportToFile } from '../../../src-main/core/reports/export-file.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { openWorkspace, type Workspace } from '../triage/harness.js';
import { parseCsv } from './csv-parse.js';

const LONG_PATH = `/${'B'.repeat(30_000)}`;
const LONG_QUERY = `q=${'%41'.repeat(10_000)}`;
const LONG_HOST = `${'h'.repeat(8_000)}.example`;
const HOST_LINE = `${LONG_HOST} 198.51.100.8 [10/Oct/2024:13:55:50 +0000] "GET /h HTTP/1.1" 200 1`;
// A rule's matched value is as long as the padding an attacker puts inside the pattern's run.
const PADDED_UNION = `id=1'${'+'.repeat(20_000)}union+select+1`;
const LINES = [
  `198.51.100.7 - - [10/Oct/2024:13:55:36 +0000] "GET ${LONG_PATH}?${LONG_QUERY} HTTP/1.1" 404 0 "-" "curl/8.0"`,
  '198.51.100.7 - - [10/Oct/2024:13:55:40 +0000] "GET /index.html HTTP/1.1" 200 2326 "-" "curl/8.0"',
  `198.51.100.9 - - [10/Oct/2024:13:55:45 +0000] "GET /p?${PADDED_UNION} HTTP/1.1" 500 0 "-" "curl/8.0"`,
];

let dir: string;
let ws: Workspace;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-long-request-'));
  ws = openWorkspace(dir);
  const log = path.join(dir, 'access.log');
  fs.writeFileSync(log, `${LINES.join('\n')}\n`);
  expect((await runImport(ws.db, { file: log, enrich: false })).status).toBe('done');
  const vhost = path.join(dir, 'vhost.log');
  fs.writeFileSync(vhost, `${HOST_LINE}\n`);
  const preset = { name: 'vhost', format: 'log-format', logFormat: '%v %h %t "%r" %>s %b' } as const;
  expect((await runImport(ws.db, { file: vhost, enrich: false, preset })).stored).toBe(1);
  const ids = ws.db.prepare('SELECT id FROM sessions ORDER BY raw_line').pluck().all() as number[];
  const caseId = createCase(ws.db, 'ana', {
    title: 'Long probe',
    severity: 'low',
    summary: '',
    sessionIds: ids,
    ips: [],
  });
  for (const format of ['html', 'pdf', 'csv'] as const) {
    files[format] = path.join(dir, `case.${format}`);
    await exportToFile(ws.db, { caseId, format, path: files[format] as string });
  }
});

afterAll(() => {
  ws.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a case with a request of 60 000 characters', () => {
  it('shows the start of the request line, raw and decoded, and says how long it is', () => {
    const page = fs.readFileSync(files.html as string, 'utf8');
    expect(page).not.toContain('B'.repeat(2_000));
    expect(page).not.toContain('A'.repeat(2_000));
    expect(page).toContain(`<code>GET /${'B'.repeat(400)}`);
    expect(page).toMatch(
      /…<\/code> <span class="meta">\(60,017 characters; the CSV export has it whole\)<\/span>/,
    );
    expect(page).toMatch(/decoded: <code>GET \/B+…<\/code> <span class="meta">\(40,017 characters/);
    expect(page).toContain('<code>GET /index.html HTTP/1.1</code>');
    expect(page).not.toContain('h'.repeat(1_000));
    expect(page).not.toContain('+'.repeat(1_000));
    expect(page).toMatch(
      /\(query = <mark>&#39;\++…<\/mark> <span class="meta">\(20,\d{3} characters; the CSV export has it whole\)<\/span>\)/,
    );
    expect(page).toMatch(
      /<td>h{253}… <span class="meta">\(8,008 characters; the CSV export has it whole\)<\/span><\/td>/,
    );
  });

  it('prints on a few pages, not dozens', () => {
    // Two pages of report, a page for each of the three cut rows, the audit trail (uncut, the
    // request made 70 pages, the host 26, the matched value 33).
    const info = execFileSync('pdfinfo', [files.pdf as string], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeLessThanOrEqual(6);
  });

  it('keeps the whole request in the CSV export', () => {
    const rows = parseCsv(fs.readFileSync(files.csv as string, 'utf8'));
    const header = rows[0] as string[];
    const long = rows.find((r) => r[header.indexOf('path')] === LONG_PATH);
    expect(long?.[header.indexOf('query')]).toBe(LONG_QUERY);
    expect(rows.some((r) => r[header.indexOf('host')] === LONG_HOST)).toBe(true);
  });
});
