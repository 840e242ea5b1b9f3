// A verdict is its kind of threat and its time as much as "malicious": the CSV and JSON exports of a
// case must say them, so re-judging a session as another kind changes the exported file (and its
// SHA-256) instead of leaving a byte-identical file that hides the change.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportToFile } from '../../../src-main/core/reports/export-file.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import { cloudwatchLine, importLines, workspace } from '../triage/harness.js';
import { parseCsv } from './csv-parse.js';

describe('verdict kind and time in session exports', () => {
  it('CSV and JSON carry the kind and time, and change when only the kind changes', async () => {
    const ws = workspace();
    const [id] = await importLines(ws, [cloudwatchLine({ srcIp: '198.51.100.7' })]);
    const caseId = createCase(ws.db, 'ana', {
      title: 't',
      severity: 'high',
      summary: '',
      ips: [],
      sessionIds: [id!],
    });
    const judge = (kind: string) =>
      setVerdict(ws.db, 'ana', { target: { sessionIds: [id!] }, verdict: 'malicious', kind });
    const exported = async (format: 'csv' | 'json', name: string) => {
      const file = path.join(ws.dir, name);
      const { sha256 } = await exportToFile(ws.db, { caseId, format, path: file });
      return { sha256, text: fs.readFileSync(file, 'utf8') };
    };

    judge('sql_injection');
    const at = ws.db.prepare('SELECT at FROM verdicts WHERE session_id = ?').pluck().get(id) as number;
    const json1 = await exported('json', '1.json');
    expect(JSON.parse(json1.text)[0]).toMatchObject({
      verdict: 'malicious',
      verdictKind: 'sql_injection',
      verdictAt: at,
    });
    const csv1 = await exported('csv', '1.csv');
    const [header, row] = parseCsv(csv1.text);
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('verdict_kind')).toBe('sql_injection');
    expect(cell('verdict_at')).toBe(new Date(at).toISOString());

    judge('xss');
    expect((await exported('json', '2.json')).sha256).not.toBe(json1.sha256);
    expect((await exported('csv', '2.csv')).sha256).not.toBe(csv1.sha256);
  });
});
