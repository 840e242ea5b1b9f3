// Runs the real built CLI (`node bin/vigil.js serve`) as a child process and reads its URL line.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import type { Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface ServeProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function assertBuilt(): void {
  for (const file of ['dist/main/cli.js', 'dist/renderer/index.html'])
    if (!fs.existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: run npm run build first`);
}

/** `env` adds to (or, with undefined, removes from) this process's environment for the child. */
export async function startServe(
  dbPath: string,
  extraArgs: string[] = [],
  env: Record<string, string | undefined> = {},
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin', 'vigil.js'), 'serve', '--db', dbPath, '--port', '0', ...extraArgs],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}/.exec(line);
      if (match) resolve(match[0]);
    });
    exited.then((code) =>
      reject(new Error(`vigil serve exited (${code}) before printing a URL:\n${stderr}`)),
    );
  });
  return {
    url,
    port: Number(new URL(url).port),
    child,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A plain GET with full control over headers (browsers will not send a foreign Host). */
/**
 * Signs `page` in with a serve link (it works once per browser context) and goes to `hash`: the
 * sign-in's redirect drops a hash given with the link.
 */
export async function signInAt(page: Page, link: string, hash: string): Promise<void> {
  await page.goto(link);
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

export function rawGet(port: number, target: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: target, headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

/** Runs the built CLI to prepare a test's data (generate, ingest, rules add); throws with its stderr. */
export function vigilCli(...args: string[]): string {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'vigil.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`vigil ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/**
 * A workspace of generated flows (`vigil generate`, seed and size given), imported, with an
 * Isolation Forest trained and scored (seed 1): sessions flagged by a model, as the views show
 * them. Returns the database's path (`name` in `dir`).
 */
export function scoredFlowsDb(
  dir: string,
  name: string,
  generated: { rows: number; seed: number; days: number; attackRate: number },
): string {
  const db = path.join(dir, name);
  const csv = path.join(dir, 'traffic.csv');
  const { rows, seed, days, attackRate } = generated;
  vigilCli(
    ...['generate', '--rows', String(rows), '--seed', String(seed), '--days', String(days)],
    ...['--attack-rate', String(attackRate), '--out', csv],
  );
  vigilCli('ingest', csv, '--db', db);
  vigilCli('train', '--model', 'iforest', '--split', 'random', '--db', db, '--seed', '1');
  vigilCli('score', '--db', db);
  return db;
}
