// Crash safety of `vigil ingest` stopped by a signal mid-import, as a terminal (Ctrl+C: SIGINT) or
// a supervisor (`kill`, systemd, docker stop: SIGTERM) stops it: the import in progress is
// cancelled and rolled back by the process itself, the files after it are not started, and the
// exit code says so. (SIGKILL, which no process can handle, is import-kills.test.ts.)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale } from '../../helpers/built-cli.js';
import { writeCloudwatchFile } from '../../helpers/cloudwatch-rows.js';
import { CLI, createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const ROWS = 300_000;

beforeAll(buildCliIfStale);

/** The imports table as the process left it, read without opening (and so recovering) the database. */
function importsAsLeft(dbFile: string): { file_name: string; status: string; id: number }[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, file_name, status FROM imports ORDER BY id').all() as {
      file_name: string;
      status: string;
      id: number;
    }[];
  } finally {
    db.close();
  }
}

async function runningImport(dbFile: string, child: ReturnType<typeof spawn>): Promise<boolean> {
  while (child.exitCode === null) {
    if (fs.existsSync(dbFile)) {
      try {
        const rows = importsAsLeft(dbFile);
        const big = rows.find((r) => r.file_name === 'big.csv');
        // Rows are being stored: the import has written sessions that the cancel must take back.
        if (big?.status === 'running') {
          const db = new Database(dbFile, { readonly: true });
          const stored = db.prepare('SELECT count(*) FROM sessions WHERE import_id = ?').pluck().get(big.id);
          db.close();
          if ((stored as number) > 0) return true;
        }
      } catch {
        // The child is still creating the schema.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

describe.each(['SIGTERM', 'SIGINT'] as const)('vigil ingest stopped by %s', (signal) => {
  it('cancels the running import, keeps nothing of it, skips the next file and exits 130', {
    timeout: 120_000,
  }, async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'v.db');
    const big = path.join(dir, 'big.csv');
    const next = path.join(dir, 'next.csv');
    await writeCloudwatchFile(big, 0, ROWS);
    await writeCloudwatchFile(next, ROWS, ROWS + 10);
    const child = spawn(process.execPath, [CLI, 'ingest', big, next, '--db', dbFile, '--no-enrich'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, sig) => resolve({ code, signal: sig })),
    );
    expect(await runningImport(dbFile, child), 'the import finished before it could be stopped').toBe(true);
    child.kill(signal);
    const outcome = await exited;

    expect(outcome).toEqual({ code: 130, signal: null });
    expect(stderr).toContain(`vigil: cancelled (${signal}); 1 file(s) not imported.`);
    expect(stdout).toMatch(/big\.csv\s+cloudwatch-csv\s+cancelled/);
    expect(importsAsLeft(dbFile)).toEqual([{ id: 1, file_name: 'big.csv', status: 'cancelled' }]);
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
