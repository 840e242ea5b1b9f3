// Marks that reorder text (U+202E and kin) in a logged request show as escapes in the report, in
// the request line and the user agent alike: raw, '/rtl\u202egnp.exe' reads '/rtlexe.png'. The
// exports keep the value as logged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { exportToFile } from '../../../src-main/core/reports/export-file.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { openWorkspace, type Workspace } from '../triage/harness.js';

const PATH = '/files/invoice\u202efdp.exe';
const AGENT = 'Mozilla/5.0 \u2067(safe)\u2069 \u202eyrtsiger\u0085';
const LINE = `198.51.100.7 - - [10/Oct/2024:13:55:36 +0000] "GET ${PATH} HTTP/1.1" 200 10 "-" "${AGENT}"`;

let dir: string;
let ws: Workspace;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-request-marks-'));
  ws = openWorkspace(dir);
  const log = path.join(dir, 'access.log');
  fs.writeFileSync(log, `${LINE}\n`);
  expect((await runImport(ws.db, { file: log, enrich: false })).status).toBe('done');
  const ids = ws.db.prepare('SELECT id FROM sessions').pluck().all() as number[];
  const caseId = createCase(ws.db, 'ana', {
    title: 'Marks',
    severity: 'low',
    summary: '',
    sessionIds: ids,
    ips: [],
  });
  for (const format of ['html', 'json'] as const) {
    files[format] = path.join(dir, `case.${format}`);
    await exportToFile(ws.db, { caseId, format, path: files[format] as string });
  }
});

afterAll(() => {
  ws.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a request with marks that reorder text', () => {
  it('shows them as escapes in the report, none raw', () => {
    const page = fs.readFileSync(files.html as string, 'utf8');
    expect(page).toContain('<code>GET /files/invoice\\u202efdp.exe HTTP/1.1</code>');
    expect(page).toContain('Mozilla/5.0 \\u2067(safe)\\u2069 \\u202eyrtsiger\\x85 <span class="meta">');
    expect(page).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('keeps them as logged in the JSON export', () => {
    const [row] = JSON.parse(fs.readFileSync(files.json as string, 'utf8')) as Record<string, unknown>[];
    expect(row).toMatchObject({ path: PATH, userAgent: AGENT });
  });
});
