// The built CLI (bin/vigil.js) run as a shell runs it: its exit code, stdout and stderr.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, ROOT } from './temp.js';

/** For a beforeAll: rebuilds dist/ when a source is newer than it. */
export function buildCliIfStale(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--if-stale'], { cwd: ROOT });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runBuiltCli(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * A file of `text` named `name` in `dir`, imported with `vigil ingest` (no enrichment) into a new
 * database there; returns the database's path. Throws with the CLI's stderr when the import fails.
 */
export async function ingestedWith(dir: string, name: string, text: string): Promise<string> {
  const db = path.join(dir, 'v.db');
  fs.writeFileSync(path.join(dir, name), text);
  const ingest = await runBuiltCli('ingest', path.join(dir, name), '--db', db, '--no-enrich');
  if (ingest.code !== 0) throw new Error(`vigil ingest ${name} failed: ${ingest.stderr}`);
  return db;
}

/**
 * The built CLI run synchronously on one database, for a beforeAll that prepares data as a user
 * would (`vigil ingest`, `vigil train`); `db` is read at each call (its folder is made there too).
 */
export function builtVigilOn(db: () => string): (...args: string[]) => string {
  return (...args) => execFileSync(process.execPath, [CLI, ...args, '--db', db()], { encoding: 'utf8' });
}
