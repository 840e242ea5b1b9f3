// `vigil ingest FILE --labels FILE.labels.csv`: the labels `vigil generate` writes beside an access
// log reach the stored requests, so a model's evaluation can judge it per kind; the option takes
// one log, and a labels file it cannot read fails that log with the reason.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, runBuiltCli } from '../../helpers/built-cli.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
beforeAll(buildCliIfStale);
const vigil = runBuiltCli;

/** A generated Combined log of `rows` requests at `log`, its labels beside it. */
async function generate(log: string, rows: number, seed: number): Promise<void> {
  const made = await vigil(
    'generate',
    '--format',
    'combined',
    '--rows',
    String(rows),
    '--seed',
    String(seed),
    '--out',
    log,
  );
  expect(made.code, made.stderr).toBe(0);
}

describe('vigil ingest --labels', () => {
  it("stores the generator's labels on its requests", async () => {
    const dir = tempDir();
    const log = path.join(dir, 'web.log');
    const db = path.join(dir, 'vigil.db');
    await generate(log, 3000, 4);
    const sidecar = `${log}.labels.csv`;
    const result = await vigil('ingest', log, '--labels', sidecar, '--db', db, '--no-enrich', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)[0]).toMatchObject({ status: 'done', stored: 3000 });

    const given = fs
      .readFileSync(sidecar, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split(','));
    const store = new Database(db, { readonly: true });
    const stored = store.prepare('SELECT raw_line AS line, label FROM sessions ORDER BY raw_line').all() as {
      line: number;
      label: string | null;
    }[];
    store.close();
    expect(stored.map((r) => [String(r.line), r.label])).toEqual(given);
    // Benign and several kinds of attack.
    expect(new Set(stored.map((r) => r.label)).size).toBeGreaterThan(2);
  });

  it('takes one log, and fails the log whose labels file it cannot read', async () => {
    const dir = tempDir();
    const log = path.join(dir, 'a.log');
    fs.writeFileSync(
      log,
      '192.0.2.1 - - [12/Feb/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "curl/8.5.0"\n',
    );
    const db = path.join(dir, 'vigil.db');
    const two = await vigil('ingest', log, log, '--labels', log, '--db', db);
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('--labels belongs to one log: give one file with it');

    const missing = await vigil('ingest', log, '--labels', path.join(dir, 'nope.csv'), '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('a.log: --labels: no such file');

    const notLabels = await vigil('ingest', log, '--labels', log, '--db', db);
    expect(notLabels.code).toBe(1);
    expect(notLabels.stderr).toContain(
      'Labels file a.log, line 1: the first line must be the header "line,label"',
    );
    expect(notLabels.stderr).not.toMatch(/\n\s+at /);
  });

  it("reads a log's LOG.labels.csv given beside it, as the app pairs dropped files, and refuses a labels file alone", async () => {
    const dir = tempDir();
    const log = path.join(dir, 'web.log');
    const db = path.join(dir, 'vigil.db');
    await generate(log, 2000, 5);
    fs.copyFileSync(`${log}.labels.csv`, path.join(dir, 'other.log.labels.csv'));
    // What `vigil ingest web.log*` expands to, the labels first.
    const result = await vigil(
      'ingest',
      `${log}.labels.csv`,
      log,
      path.join(dir, 'other.log.labels.csv'),
      '--db',
      db,
      '--no-enrich',
      '--json',
    );
    expect(result.code).toBe(1);
    const results = JSON.parse(result.stdout) as {
      file: string;
      status: string;
      stored: number;
      message: string;
    }[];
    expect(results.map((r) => [path.basename(r.file), r.status])).toEqual([
      ['web.log', 'done'],
      ['other.log.labels.csv', 'failed'],
    ]);
    expect(results[1]?.message).toBe(
      'a labels file, not a log: give it with its log (vigil ingest other.log other.log.labels.csv, or --labels)',
    );
    expect(result.stderr).toContain('other.log.labels.csv: a labels file, not a log');
    const store = new Database(db, { readonly: true });
    const labelled = store.prepare('SELECT count(*) AS n FROM sessions WHERE label IS NOT NULL').get() as {
      n: number;
    };
    const imports = store.prepare('SELECT labels_file AS labels FROM imports').all() as { labels: string }[];
    store.close();
    expect(labelled.n).toBe(2000);
    expect(imports).toEqual([{ labels: `${log}.labels.csv` }]);
  });
});
