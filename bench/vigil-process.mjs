// The built CLI as the benchmarks drive it: one-shot commands, and `vigil serve` with its URL.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'vigil.js');

/**
 * Runs one CLI command to its end. Asynchronous on purpose: a bench keeps kept-alive connections to
 * a served `vigil` across a `vigil train` of minutes, and a client whose event loop is frozen (as
 * spawnSync freezes it) never sees the server close an idle connection, then sends its next request
 * into the dead socket: `fetch failed … other side closed` (issue 16, item 9).
 */
export function vigil(...args) {
  const child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      // A traced run (VIGIL_TRACE_PULL, VIGIL_TRACE_INGEST) writes its steps on stderr: show them.
      if (code === 0 && /^(pull|ingest) trace:/m.test(stderr)) process.stderr.write(stderr);
      code === 0 ? resolve() : reject(new Error(`vigil ${args.join(' ')}: exit ${code}: ${stderr}`));
    });
  });
}

/** `bench/out/cloudwatch-<rows>.csv` from `vigil generate` (seed 7), made on first use and kept. */
export async function generatedCloudwatchCsv(rows) {
  const out = path.join(root, 'bench', 'out');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `cloudwatch-${rows}.csv`);
  if (!fs.existsSync(file)) {
    console.log(`generating ${rows.toLocaleString('en-US')} rows (vigil generate, seed 7)…`);
    await vigil(
      'generate',
      '--rows',
      String(rows),
      '--seed',
      '7',
      '--format',
      'cloudwatch-csv',
      '--out',
      file,
    );
  }
  return file;
}

/** Serves `db` on a free port; resolves with the printed sign-in URL and a stop function. */
export async function serve(db) {
  const child = spawn(process.execPath, [cli, 'serve', '--db', db, '--port', '0', '--no-sample'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}/.exec(line);
      if (match) resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`vigil serve exited ${code}`)));
  });
  // stop resolves once the server has exited (and closed its database).
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    url: new URL(url),
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * Opens the one-time link as a browser does and returns the session cookie it sets (`name=value`).
 * The link works once: call this once per server.
 */
export async function signIn(url) {
  const response = await fetch(url, { redirect: 'manual' });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 303 || !cookie)
    throw new Error(`signing in to ${url.origin} answered ${response.status}`);
  return cookie;
}

/** One function per API call of a served `vigil`: signs in with the link once, unwraps answers. */
export function apiCaller(url) {
  const cookie = signIn(url);
  return async (name, args = {}) => {
    const response = await fetch(new URL(`/api/${name}`, url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: await cookie },
      body: JSON.stringify(args),
    });
    const answer = await response.json();
    if (!answer.ok) throw new Error(`${name}: ${answer.error}`);
    return answer.value;
  };
}

/**
 * A commit from another connection, as an import or a verdict makes: the server drops the answers it
 * keeps (graph edges, Overview digests), so the next ask reads the sessions again.
 */
export function commitElsewhere(db) {
  const writer = new Database(db);
  try {
    writer
      .prepare(
        `INSERT INTO settings (key, value) VALUES ('bench.touched', ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      )
      .run(String(Date.now()));
  } finally {
    writer.close();
  }
}
