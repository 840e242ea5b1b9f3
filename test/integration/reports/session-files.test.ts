// The streamed CSV and JSON session exports read plain row arrays, not the row objects the HTML
// report reads: both must still say exactly what those objects say, across write chunks.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { iterateExportRows } from '../../../src-main/core/db/session-export.js';
import { exportToFile } from '../../../src-main/core/reports/export-file.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { tagSessions } from '../../../src-main/core/triage/tag-actions.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import { cloudwatchLine, importLines, type Workspace, workspace } from '../triage/harness.js';
import { parseCsv } from './csv-parse.js';

// Enough sessions for an export of several 64 k-character write chunks.
const SESSIONS = 900;
const SOURCES = 50;
const NOTE = 'seen "twice", then\r\nagain';

async function caseWithEverything(ws: Workspace): Promise<number> {
  const lines = Array.from({ length: SESSIONS }, (_, i) =>
    cloudwatchLine({
      srcIp: `198.51.100.${i % SOURCES}`,
      start: new Date(Date.UTC(2024, 3, 25, 0, i)).toISOString().replace('.000', ''),
      rule: i % 7 === 0 ? 'Rule, with a comma' : 'Suspicious Web Traffic',
      // Extra columns become attributes: a few distinct sets, each on many sessions.
      sourceName: `web-${i % 3}`,
    }),
  );
  const ids = await importLines(ws, lines);
  setVerdict(ws.db, 'ana', { target: { sessionIds: ids.slice(0, 40) }, verdict: 'malicious', note: NOTE });
  tagSessions(ws.db, 'ana', { tag: 'evidence', sessionIds: ids.slice(20, 60), on: true });
  tagSessions(ws.db, 'ana', { tag: 'beacon', sessionIds: ids.slice(30, 35), on: true });
  return createCase(ws.db, 'ana', {
    title: 'All of it',
    severity: 'high',
    summary: '',
    ips: Array.from({ length: SOURCES }, (_, i) => `198.51.100.${i}`),
    sessionIds: ids.slice(0, 60),
  });
}

describe('session exports (CSV, JSON)', () => {
  it('hold every row of the selection with the values the report rows hold', async () => {
    const ws = workspace();
    const caseId = await caseWithEverything(ws);
    const expected = [...iterateExportRows(ws.db, { caseId })];
    expect(expected).toHaveLength(SESSIONS);

    const jsonFile = path.join(ws.dir, 'case.json');
    const json = await exportToFile(ws.db, { caseId, format: 'json', path: jsonFile });
    expect(json.sessions).toBe(expected.length);
    // These WAF records trip no rule: each has an empty list of rule hits (web-report.test.ts has hits),
    // and no model has run, so the detection set flags none (flagged-export.test.ts has flags).
    expect(JSON.parse(fs.readFileSync(jsonFile, 'utf8'))).toEqual(
      expected.map((row) => ({ ...row, ruleHits: [], flaggedBy: null })),
    );

    const csvFile = path.join(ws.dir, 'case.csv');
    const csv = await exportToFile(ws.db, { caseId, format: 'csv', path: csvFile });
    expect(csv.bytes).toBeGreaterThan(3 * 65_536);
    const [header, ...rows] = parseCsv(fs.readFileSync(csvFile, 'utf8'));
    expect(rows).toHaveLength(expected.length);
    const cell = (row: string[], name: string) => row[header!.indexOf(name)];
    rows.forEach((row, i) => {
      const want = expected[i]!;
      expect(cell(row, 'id')).toBe(String(want.id));
      expect(cell(row, 'start')).toBe(new Date(want.startTs).toISOString());
      expect(cell(row, 'end')).toBe(new Date(want.endTs).toISOString());
      expect(cell(row, 'src_ip')).toBe(want.srcIp);
      expect(cell(row, 'rule_name')).toBe(want.ruleName);
      expect(cell(row, 'packets')).toBe('');
      expect(cell(row, 'verdict')).toBe(want.verdict ?? '');
      expect(cell(row, 'verdict_note')).toBe(want.verdictNote ?? '');
      expect(cell(row, 'tags')).toBe(want.tags ?? '');
      expect(JSON.parse(cell(row, 'attrs')!)).toEqual(want.attrs);
      expect(cell(row, 'rule_hits')).toBe('');
      expect(cell(row, 'flagged_by')).toBe('');
    });
    // The values the checks above stand on are really there.
    expect(rows.filter((row) => cell(row, 'verdict_note') === NOTE)).toHaveLength(40);
    expect(new Set(rows.map((row) => cell(row, 'tags')!.split('; ').sort().join('; ')))).toEqual(
      new Set(['', 'evidence', 'beacon; evidence']),
    );
    expect(new Set(rows.map((row) => JSON.parse(cell(row, 'attrs')!)['source.name']))).toEqual(
      new Set(['web-0', 'web-1', 'web-2']),
    );
  });

  it('fails with the file system error when the file cannot be written', async () => {
    const ws = workspace();
    const caseId = await caseWithEverything(ws);
    const folder = path.join(ws.dir, 'a-folder');
    fs.mkdirSync(folder);
    for (const format of ['csv', 'json'] as const)
      await expect(exportToFile(ws.db, { caseId, format, path: folder })).rejects.toThrow(/EISDIR/);
  });
});
