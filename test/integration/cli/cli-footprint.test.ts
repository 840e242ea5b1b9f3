// What the CLI's own thread loads for an import: the packages only some commands need (the
// ClickHouse client, the GeoIP reader, the terminal progress bar) are loaded on first use, so an
// import — whose peak RSS counts this thread beside its worker threads — does not carry them.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale } from '../../helpers/built-cli.js';
import { CLI, createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

/** Prints, as the main thread exits, the packages (CommonJS) it loaded. */
const PROBE = `
const { isMainThread } = require('node:worker_threads');
if (isMainThread)
  process.on('exit', () => {
    const names = new Set(
      Object.keys(require.cache).flatMap((file) => {
        const found = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(file);
        return found ? [found[1]] : [];
      }),
    );
    process.stderr.write('LOADED ' + JSON.stringify([...names].sort()) + '\\n');
  });
`;

function packagesLoadedBy(...args: string[]): Promise<string[]> {
  const probe = path.join(tempDir(), 'probe.cjs');
  fs.writeFileSync(probe, PROBE);
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['--require', probe, CLI, ...args],
      { encoding: 'utf8' },
      (error, _out, err) => {
        const line = err.split('\n').find((l) => l.startsWith('LOADED '));
        if (error || !line) reject(new Error(`vigil ${args.join(' ')} failed: ${err}`));
        else resolve(JSON.parse(line.slice('LOADED '.length)) as string[]);
      },
    ),
  );
}

beforeAll(buildCliIfStale, 120_000);

describe("the CLI's thread", () => {
  it('imports a file without loading the ClickHouse client, the GeoIP reader or the progress bar', async () => {
    const dir = tempDir();
    const log = path.join(dir, 'one.log');
    fs.writeFileSync(log, '192.0.2.1 - - [12/Feb/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8"\n');
    const loaded = await packagesLoadedBy('ingest', log, '--db', path.join(dir, 'v.db'));
    // The probe sees what this thread loaded: the database driver and the command parser at least.
    expect(loaded).toEqual(expect.arrayContaining(['better-sqlite3', 'commander']));
    for (const lazy of ['@clickhouse/client', 'maxmind', 'cli-progress']) expect(loaded).not.toContain(lazy);
  });
});
