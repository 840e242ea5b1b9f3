// Rolling back an import takes its sessions out of the cases that held them (a session cannot
// outlive its import). Today that only happens to a database an older version wrote, which let a
// case take sessions of an unfinished import; when it does, no case may lose a session silently:
// each case's history (and so its report) says which sessions left and why, closed cases included,
// and the import's message names the cases.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src-main/core/db/audit-chain.js';
import { caseHistory } from '../../../src-main/core/db/case-history.js';
import { getImport } from '../../../src-main/core/db/imports.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { gatherCaseReport } from '../../../src-main/core/reports/case-data.js';
import { timelineEntries } from '../../../src-main/core/reports/timeline-section.js';
import { caseDetail, createCase, updateCase } from '../../../src-main/core/triage/case-actions.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import { buildCliIfStale, runBuiltCli } from '../../helpers/built-cli.js';
import { writeCloudwatchFile } from '../../helpers/cloudwatch-rows.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
beforeAll(buildCliIfStale, 120_000);

async function importFile(db: Db, file: string, from: number, to: number) {
  await writeCloudwatchFile(file, from, to);
  // A real worker thread parses, as the app does for big files.
  const record = await runImport(db, { file, format: 'cloudwatch-csv', enrich: false, parser: 'worker' });
  expect(record.status).toBe('done');
  const ids = db.prepare('SELECT id FROM sessions WHERE import_id = ? ORDER BY id').pluck().all(record.id);
  return { importId: record.id, ids: ids as number[] };
}

/** What an older version left behind: an import still 'running' by a process that is gone. */
function leaveRunning(db: Db, importId: number) {
  db.prepare(`UPDATE imports SET status = 'running', owner_pid = NULL, heartbeat_at = NULL WHERE id = ?`).run(
    importId,
  );
}

const actionCount = (db: Db) => db.prepare('SELECT count(*) FROM audit_actions').pluck().get() as number;

/**
 * A closed case and an open one holding sessions of import 2, with a verdict on one; import 2 then
 * left 'running' by a process that is gone, as an older version could leave it. Closed on return.
 */
async function caseHeldImport() {
  const dir = tempDir();
  const dbFile = path.join(dir, 'vigil.db');
  const db = openDatabase(dbFile);
  const kept = await importFile(db, path.join(dir, 'kept.csv'), 0, 20);
  const gone = await importFile(db, path.join(dir, 'access.csv'), 1000, 1010);
  const [g1, g2, g3] = gone.ids as [number, number, number];
  const closed = createCase(db, 'alice', {
    title: 'Scanner sweep',
    severity: 'high',
    summary: '',
    sessionIds: [kept.ids[0] as number, g1, g2],
    ips: ['203.0.113.9'],
  });
  updateCase(db, 'alice', { id: closed, status: 'closed' });
  const open = createCase(db, 'bob', {
    title: 'Login burst',
    severity: 'low',
    summary: '',
    sessionIds: [g3],
    ips: [],
  });
  setVerdict(db, 'bob', { target: { sessionIds: [g3] }, verdict: 'malicious', note: 'seen before' });
  leaveRunning(db, gone.importId);
  db.close();

  return { dbFile, dir, closed, open, gone, kept, g1, g2, g3 };
}

describe('rolling back an import held by cases', () => {
  it('records in each case (closed ones too) which sessions left, and names the cases in the import message', {
    timeout: 60_000,
  }, async () => {
    const { dbFile, closed, open, gone, kept, g1, g2, g3 } = await caseHeldImport();
    // Any writable open rolls back what a dead process left running.
    const db = openDatabase(dbFile);
    try {
      const message = getImport(db, gone.importId)?.message ?? '';
      expect(getImport(db, gone.importId)?.status).toBe('interrupted');
      expect(message).toContain(`closed case ${closed} "Scanner sweep" lost 2 sessions`);
      expect(message).toContain(`case ${open} "Login burst" lost 1 session`);
      expect(message).toContain(
        "add the file's sessions to the case once it is imported again, reopening a closed case first",
      );

      // The session of the finished import, the IP and the closed status stay as they were.
      const closedDetail = caseDetail(db, closed);
      expect(closedDetail.case.status).toBe('closed');
      expect(closedDetail.items.map((i) => i.sessionId ?? i.ip)).toEqual([kept.ids[0], '203.0.113.9']);
      expect(caseDetail(db, open).items).toEqual([]);

      const removed = (caseId: number) => caseHistory(db, caseId).filter((e) => e.what === 'session removed');
      expect(removed(closed).map((e) => 'sessionId' in e.subject && e.subject.sessionId)).toEqual([g1, g2]);
      expect(removed(closed)[0]?.who).toBe('vigil');
      expect(removed(closed)[0]?.note).toBe(
        `removed from case ${closed} by rolling back import #${gone.importId} (access.csv), which did not finish: 2 session(s)`,
      );
      expect(removed(open).map((e) => 'sessionId' in e.subject && e.subject.sessionId)).toEqual([g3]);

      // The report's timeline tells it; its session count agrees with what the case holds now.
      const report = gatherCaseReport(db, closed, 'test');
      expect(report.data.sessionTotal).toBe(1);
      const entry = timelineEntries(report).find((e) => e.what === 'session removed');
      expect(entry?.detail).toContain(`2 sessions (ids ${g1} … ${g2})`);
      expect(entry?.detail).toContain(`rolling back import #${gone.importId} (access.csv)`);

      // The verdict that went with its session is in the audit log too, and the chain still verifies.
      const verdictGone = db
        .prepare(
          `SELECT l.before, l.after, a.kind FROM audit_log l JOIN audit_actions a ON a.id = l.action_id
           WHERE l.entity = 'session' AND l.entity_id = ? AND l.field = 'verdict' ORDER BY l.id DESC LIMIT 1`,
        )
        .get(String(g3)) as { before: string; after: string | null; kind: string };
      expect(verdictGone.kind).toBe('import-rollback');
      expect(verdictGone.after).toBeNull();
      expect(JSON.parse(verdictGone.before)).toMatchObject({ verdict: 'malicious', note: 'seen before' });
      expect(verifyAuditChain(db).ok).toBe(true);
    } finally {
      db.close();
    }
  });

  it('vigil imports and the case report show it, from a CLI that did the rollback', {
    timeout: 60_000,
  }, async () => {
    const { dbFile, dir, closed, gone } = await caseHeldImport();
    const imports = await runBuiltCli('imports', '--db', dbFile);
    expect(imports.code).toBe(0);
    expect(imports.stdout).toContain(`#${gone.importId} interrupted:`);
    expect(imports.stdout).toContain(`closed case ${closed} "Scanner sweep" lost 2 sessions`);
    const out = path.join(dir, 'case.html');
    const report = await runBuiltCli(
      'report',
      '--case',
      String(closed),
      '--format',
      'html',
      '--out',
      out,
      '--db',
      dbFile,
    );
    expect(report.code, report.stderr).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain(`by rolling back import #${gone.importId} (access.csv)`);
  });

  it('records nothing when no case held a session of the import', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'vigil.db');
    let db = openDatabase(dbFile);
    const kept = await importFile(db, path.join(dir, 'kept.csv'), 0, 5);
    const gone = await importFile(db, path.join(dir, 'access.csv'), 1000, 1003);
    const caseId = createCase(db, 'alice', {
      title: 'Other',
      severity: 'low',
      summary: '',
      sessionIds: [kept.ids[0] as number],
      ips: [],
    });
    updateCase(db, 'alice', { id: caseId, status: 'closed' });
    leaveRunning(db, gone.importId);
    const actions = actionCount(db);
    db.close();
    db = openDatabase(dbFile);
    try {
      expect(actionCount(db)).toBe(actions);
      expect(getImport(db, gone.importId)?.message).not.toContain('case');
      expect(caseDetail(db, caseId).items.map((i) => i.sessionId)).toEqual([kept.ids[0]]);
      expect(caseHistory(db, caseId).some((e) => e.what === 'session removed')).toBe(false);
    } finally {
      db.close();
    }
  });

  it('a failed import with nothing of it in a case says nothing of cases', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'vigil.db'));
    try {
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, 'not,a,cloudwatch,header\n1,2,3,4\n');
      await expect(runImport(db, { file: bad, format: 'cloudwatch-csv', enrich: false })).rejects.toThrow();
      const record = db.prepare(`SELECT status, message FROM imports ORDER BY id DESC LIMIT 1`).get() as {
        status: string;
        message: string;
      };
      expect(record.status).toBe('failed');
      expect(record.message).toContain('Nothing from this import was kept.');
      expect(record.message).not.toContain('case');
      expect(actionCount(db)).toBe(0);
    } finally {
      db.close();
    }
  });
});
