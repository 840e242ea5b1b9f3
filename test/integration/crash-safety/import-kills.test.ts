// A child process importing a large file is SIGKILLed at random points. After each kill the
// database must pass integrity_check, show nothing of the interrupted import once reopened, and a
// final uninterrupted import must end with the exact expected counts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { recoverInterruptedImports } from '../../../src-main/core/db/import-rollback.js';
import { listImports } from '../../../src-main/core/db/imports.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { sessionIndexesPresent } from '../../../src-main/core/db/session-indexes.js';
import { countSessions } from '../../../src-main/core/db/sessions.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { analyticsMismatches } from '../../helpers/analytics-check.js';
import { writeCloudwatchFile } from '../../helpers/cloudwatch-rows.js';
import { rollupMismatches } from '../../helpers/rollup-check.js';
import { CLI, createTempDirs, ROOT, SAMPLE } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const ROWS = 400_000;
const KILLS = 5;

/** Resolves once the child has registered its import as running (it polls the database). */
async function importStarted(dbFile: string, child: ReturnType<typeof spawn>): Promise<void> {
  while (child.exitCode === null) {
    if (fs.existsSync(dbFile)) {
      const db = new Database(dbFile, { readonly: true, fileMustExist: true });
      try {
        db.pragma('busy_timeout = 1000');
        const running = db
          .prepare(`SELECT 1 FROM imports WHERE status = 'running' AND file_name = 'big.csv'`)
          .get();
        if (running) return;
      } catch {
        // The schema may not exist yet while the child creates it.
      } finally {
        db.close();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function ingestThenKill(
  file: string,
  dbFile: string,
  afterStartMs: number,
): Promise<NodeJS.Signals | number | null> {
  const child = spawn(process.execPath, [CLI, 'ingest', file, '--db', dbFile, '--json', '--no-enrich'], {
    stdio: 'ignore',
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(signal ?? code));
  });
  await importStarted(dbFile, child);
  const timer = setTimeout(() => child.kill('SIGKILL'), afterStartMs);
  const outcome = await exited;
  clearTimeout(timer);
  return outcome;
}

describe('crash safety of imports', () => {
  it(`survives ${KILLS} SIGKILLs mid-import and then imports exactly`, { timeout: 240_000 }, async () => {
    expect(fs.existsSync(path.join(ROOT, 'dist', 'main', 'cli.js')), 'run `npm run build` first').toBe(true);
    const dir = tempDir();
    const dbFile = path.join(dir, 'crash.db');
    const big = path.join(dir, 'big.csv');
    await writeCloudwatchFile(big, 0, ROWS);
    const setup = openDatabase(dbFile);
    // Something stored before the crashes must survive them untouched.
    await runImport(setup, { file: SAMPLE, enrich: false });
    setup.close();

    let killed = 0;
    for (let attempt = 0; attempt < KILLS; attempt++) {
      // Spread the kills over the first batches, the middle and the end of the import.
      const afterMs = Math.floor(Math.random() * 2500);
      const outcome = await ingestThenKill(big, dbFile, afterMs);
      if (outcome === 'SIGKILL') killed++;
      const db = openDatabase(dbFile);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      recoverInterruptedImports(db);
      const done = listImports(db).filter((i) => i.status === 'done');
      const storedByDone = done.reduce((sum, i) => sum + i.stored, 0);
      expect(countSessions(db)).toBe(storedByDone);
      expect(listImports(db).some((i) => i.status === 'running')).toBe(false);
      expect(rollupMismatches(db)).toEqual([]);
      expect(analyticsMismatches(db)).toEqual([]);
      expect(sessionIndexesPresent(db)).toBe(true);
      db.close();
    }
    expect(killed).toBe(KILLS);

    const db = openDatabase(dbFile);
    recoverInterruptedImports(db);
    const final = await runImport(db, { file: big, enrich: false });
    expect(final).toMatchObject({
      status: 'done',
      rowsRead: ROWS,
      stored: ROWS,
      quarantined: 0,
      duplicates: 0,
    });
    expect(countSessions(db)).toBe(ROWS + 282);
    expect(rollupMismatches(db)).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
