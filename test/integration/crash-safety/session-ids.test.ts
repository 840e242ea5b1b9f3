// A verdict must never move to another session. Reproduces the report: `vigil ingest` of a large
// file runs in a child; the analyst records a verdict on one of its sessions (refused now); the
// import is cancelled (Ctrl-C, SIGTERM) or killed; another file is imported. Its sessions must get
// new ids, and nothing recorded on the gone import's sessions may show on them.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { getImport, sessionIdRange } from '../../../src-main/core/db/imports.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { writeCloudwatchFile } from '../../helpers/cloudwatch-rows.js';
import { createTempDirs, ROOT, SAMPLE } from '../../helpers/temp.js';
import { runCliProcess, runningImportSession, spawnCli, whenDb } from './child.js';

const tempDir = createTempDirs();
const BIG_ROWS = 400_000;

async function setUp() {
  expect(fs.existsSync(path.join(ROOT, 'dist', 'main', 'cli.js')), 'run `npm run build` first').toBe(true);
  const dir = tempDir();
  const dbFile = path.join(dir, 'v.db');
  const big = path.join(dir, 'big.csv');
  const other = path.join(dir, 'other.csv');
  await writeCloudwatchFile(big, 0, BIG_ROWS);
  // Distinct from every row of big.csv, so each is stored.
  await writeCloudwatchFile(other, BIG_ROWS, BIG_ROWS + 2_000);
  const db = openDatabase(dbFile);
  await runImport(db, { file: SAMPLE, enrich: false });
  db.close();
  return { dir, dbFile, big, other };
}

const EXPECTED_END: Record<string, { outcome: NodeJS.Signals | number; status: string }> = {
  SIGINT: { outcome: 130, status: 'cancelled' },
  SIGTERM: { outcome: 130, status: 'cancelled' },
  SIGKILL: { outcome: 'SIGKILL', status: 'interrupted' },
};

describe('session ids across an interrupted import', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    it(`${signal} mid-import: the verdict was refused, and the next import's sessions get new ids`, {
      timeout: 120_000,
    }, async () => {
      const { dir, dbFile, big, other } = await setUp();
      const run = spawnCli(['ingest', big, '--db', dbFile, '--no-enrich', '--json']);
      const { importId, sessionId } = await whenDb(dbFile, run, runningImportSession);

      const verdict = await runCliProcess([
        'verdict',
        '--session',
        String(sessionId),
        '--verdict',
        'malicious',
        '--db',
        dbFile,
      ]);
      expect(verdict.code).not.toBe(0);
      expect(verdict.stderr).toMatch(
        new RegExp(`Session ${sessionId} belongs to import #${importId}, which has not finished`),
      );

      run.child.kill(signal);
      expect(await run.exited).toBe(EXPECTED_END[signal]!.outcome);

      // The next open (here, before the next import) recovers what a kill left.
      const db = openDatabase(dbFile);
      expect(getImport(db, importId)?.status).toBe(EXPECTED_END[signal]!.status);
      const used = sessionIdRange(db, importId);
      expect(used?.last).toBeGreaterThanOrEqual(sessionId);
      const next = await runImport(db, { file: other, enrich: false });
      expect(next).toMatchObject({ status: 'done', stored: 2_000 });
      const firstNew = db
        .prepare('SELECT min(id) FROM sessions WHERE import_id = ?')
        .pluck()
        .get(next.id) as number;
      expect(firstNew).toBeGreaterThan(used!.last);
      expect(db.prepare('SELECT count(*) FROM verdicts').pluck().get()).toBe(0);
      db.close();

      const report = path.join(dir, 'malicious.csv');
      const exported = await runCliProcess([
        'report',
        '--format',
        'csv',
        '--verdict',
        'malicious',
        '--out',
        report,
        '--db',
        dbFile,
      ]);
      expect(exported.code).toBe(0);
      expect(fs.readFileSync(report, 'utf8').trim().split('\n')).toHaveLength(1);
    });
  }

  it('a rollback removes any verdict, tag, case item or score an older version let onto its sessions', {
    timeout: 120_000,
  }, async () => {
    const { dbFile, big } = await setUp();
    const run = spawnCli(['ingest', big, '--db', dbFile, '--no-enrich', '--json']);
    const { importId, sessionId } = await whenDb(dbFile, run, runningImportSession);
    // Killed first, so the import cannot finish while the writes below wait for its lock (under
    // load they did, and the import ended 'done'); until a Vigil opens the file, the import is
    // still recorded as running, as it was when an earlier version let work onto its sessions.
    run.child.kill('SIGKILL');
    await run.exited;
    // What an earlier version allowed: work recorded on a session the import had not finished.
    const raw = new Database(dbFile);
    raw.pragma('busy_timeout = 5000');
    raw.exec(`
      INSERT INTO audit_actions (at, analyst, kind, summary) VALUES (0, 'old', 'verdict', 'old');
      INSERT INTO verdicts (session_id, verdict, analyst, at, action_id)
        VALUES (${sessionId}, 'malicious', 'old', 0, (SELECT max(id) FROM audit_actions));
      INSERT INTO tags (name, colour) VALUES ('old-tag', '#000000');
      INSERT INTO session_tags (session_id, tag_id) VALUES (${sessionId}, (SELECT id FROM tags WHERE name = 'old-tag'));
      INSERT INTO cases (title, severity, status, created_by, created_at, updated_at) VALUES ('c', 'low', 'open', 'old', 0, 0);
      INSERT INTO case_items (case_id, kind, session_id, added_by, added_at) VALUES ((SELECT max(id) FROM cases), 'session', ${sessionId}, 'old', 0);
      INSERT INTO model_runs (kind, status, created_at, params, backend, data_snapshot) VALUES ('iforest', 'done', 0, '{}', 'cpu', '[]');
      INSERT INTO scores (run_id, session_id, score, flagged) VALUES ((SELECT max(id) FROM model_runs), ${sessionId}, 0.9, 1);`);
    raw.close();

    const db = openDatabase(dbFile);
    const record = getImport(db, importId)!;
    expect(record.status).toBe('interrupted');
    expect(record.message).toMatch(/1 verdict, 1 tag, 1 case item, 1 score on its sessions were removed/);
    for (const table of ['verdicts', 'session_tags', 'case_items', 'scores'])
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    db.close();
  });
});
