// The CSV and JSON session exports and the case report say which sessions are flagged by the
// detection set — the Overview's meaning — and name the set, on a real workspace database file.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src-main/core/db/audit-chain.js';
import { switchKindOff } from '../../../src-main/core/db/detection-set.js';
import { gatherCaseReport } from '../../../src-main/core/reports/case-data.js';
import { exportToFile } from '../../../src-main/core/reports/export-file.js';
import { renderCaseHtml } from '../../../src-main/core/reports/html.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { RULE_LEVELS } from '../../../src-shared/rules.js';
import { addScoredRun, cloudwatchLine, importLines, workspace } from '../triage/harness.js';
import { parseCsv } from './csv-parse.js';

async function flaggedWorkspace() {
  const ws = workspace();
  const ids = await importLines(
    ws,
    [1, 2, 3, 4, 5].map((minute) =>
      cloudwatchLine({ srcIp: '203.0.113.5', start: `2024-04-25T23:0${minute}:00Z` }),
    ),
  );
  // rf flags sessions 0 and 1; a high rule hits session 2; 3 and 4 are flagged by nothing.
  const rf = addScoredRun(ws.db, 'rf', [
    [ids[0]!, 0.9],
    [ids[1]!, 0.8],
    [ids[2]!, 0.1],
  ]);
  const high = RULE_LEVELS.indexOf('high');
  const set = ws.db
    .prepare(`INSERT INTO rule_sets (source, kind, added_at) VALUES ('test pack', 'pack', 0)`)
    .run().lastInsertRowid;
  const rule = ws.db
    .prepare(`INSERT INTO rules (set_id, rule_id, title, level) VALUES (?, 'web-lfi', 'Path traversal', ?)`)
    .run(set, high).lastInsertRowid;
  ws.db
    .prepare('INSERT INTO rule_hits (session_id, rule, level, start_ts) VALUES (?, ?, ?, 0)')
    .run(ids[2], rule, high);
  return { ws, ids, rf };
}

async function csvFlaggedBy(ws: Awaited<ReturnType<typeof flaggedWorkspace>>['ws']): Promise<string[]> {
  const file = path.join(ws.dir, 'sessions.csv');
  await exportToFile(ws.db, { filter: {}, format: 'csv', path: file });
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8'));
  return rows.map((row) => row[header!.indexOf('flagged_by')]!);
}

describe('flagged in session exports', () => {
  it('names the detection set on each session it flags, model flags and rule hits alike', async () => {
    const { ws, rf } = await flaggedWorkspace();
    const name = `rf #${rf} + rules ≥ high`;
    expect(await csvFlaggedBy(ws)).toEqual([name, name, name, '', '']);

    const file = path.join(ws.dir, 'sessions.json');
    await exportToFile(ws.db, { filter: {}, format: 'json', path: file });
    const rows = JSON.parse(fs.readFileSync(file, 'utf8')) as { flaggedBy: string | null }[];
    expect(rows.map((row) => row.flaggedBy)).toEqual([name, name, name, null, null]);
  });

  it('follows the set: a kind switched off flags nothing in the export', async () => {
    const { ws } = await flaggedWorkspace();
    switchKindOff(ws.db, 'rf');
    expect(await csvFlaggedBy(ws)).toEqual(['', '', 'rules ≥ high', '', '']);
  });

  it('marks the case report sessions the set flags, and names the set above them', async () => {
    const { ws, ids, rf } = await flaggedWorkspace();
    const caseId = createCase(ws.db, 'ana', {
      title: 'Flags',
      severity: 'high',
      summary: '',
      ips: [],
      sessionIds: ids,
    });
    const report = gatherCaseReport(ws.db, caseId, 'test');
    expect(report.data.flaggedBy).toBe(`rf #${rf} + rules ≥ high`);
    // Listed flagged first (the strongest evidence), each with its own mark.
    expect(report.data.sessions.slice(0, 3).every((s) => s.flagged)).toBe(true);
    const byId = report.data.sessions
      .map((s) => [ids.indexOf(s.id), s.flagged])
      .sort(([a], [b]) => Number(a) - Number(b));
    expect(byId).toEqual([
      [0, true],
      [1, true],
      [2, true],
      [3, false],
      [4, false],
    ]);
    const page = renderCaseHtml(report, verifyAuditChain(ws.db));
    expect(page).toContain(
      `Flagged: by the detection set rf #${rf} + rules ≥ high, as in every view of Vigil.`,
    );
    expect(page).toContain('<th>score</th><th>flagged</th>');
  });
});
