// The CLI as a real child process, and what a test needs to interrupt it at the right moment:
// polling the database it writes (read-only, from this process) and the child's open files.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { CLI } from '../../helpers/temp.js';

export interface CliChild {
  child: ChildProcess;
  /** The exit code, or the signal that ended it. */
  exited: Promise<NodeJS.Signals | number | null>;
  stderr: () => string;
  stdout: () => string;
}

export function spawnCli(args: string[]): CliChild {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(signal ?? code));
  });
  return { child, exited, stderr: () => err, stdout: () => out };
}

/** Runs a CLI command to its end. */
export async function runCliProcess(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = spawnCli(args);
  const code = await run.exited;
  return { code: typeof code === 'number' ? code : null, stdout: run.stdout(), stderr: run.stderr() };
}

/** Polls the database (read-only) until `ready` returns a value, while the child runs. */
export async function whenDb<T>(
  dbFile: string,
  run: CliChild,
  ready: (db: Database.Database) => T | undefined,
): Promise<T> {
  while (run.child.exitCode === null && run.child.signalCode === null) {
    if (fs.existsSync(dbFile)) {
      const db = new Database(dbFile, { readonly: true, fileMustExist: true });
      try {
        db.pragma('busy_timeout = 1000');
        const value = ready(db);
        if (value !== undefined) return value;
      } catch {
        // The schema may not exist yet while the child creates it.
      } finally {
        db.close();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the child ended first:\n${run.stderr()}`);
}

/** Whether the child holds one of SQLite's temp files open (a TEMP table's: a staging pass). */
export function holdsSqliteTempFile(pid: number): boolean {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return fs.readlinkSync(`/proc/${pid}/fd/${fd}`).includes('etilqs_');
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/** Resolves once `check` holds for the child (polled), or rejects when it ends first. */
export async function whenChild(run: CliChild, check: () => boolean): Promise<void> {
  while (run.child.exitCode === null && run.child.signalCode === null) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the child ended first:\n${run.stderr()}`);
}

/** A session id of the running import, once it has committed some. */
export function runningImportSession(
  db: Database.Database,
): { importId: number; sessionId: number } | undefined {
  return db
    .prepare(
      `SELECT id AS importId, last_session_id AS sessionId FROM imports
       WHERE status = 'running' AND last_session_id IS NOT NULL`,
    )
    .get() as { importId: number; sessionId: number } | undefined;
}
