// A source added with `--profile prof.json` kept the path as typed, so the same source failed
// (ENOENT) from any other folder; it is kept as an absolute path. `vigil pull --source X --limit abc`
// said `--limit null: …expected number, received NaN`; it names the text given, as other numeric
// options do, and pulls nothing.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerPull } from '../../../src-main/cli/commands/pull.js';
import { registerSource } from '../../../src-main/cli/commands/source.js';
import { buildCliIfStale } from '../../helpers/built-cli.js';
import { runCli } from '../../helpers/run-cli.js';
import { CLI, createTempDirs, ROOT } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const cli = (...args: string[]) => runCli([registerSource, registerPull], args);
const TABLE = ['--clickhouse', 'http://127.0.0.1:9', '--database', 'logs', '--table', 'web', '--no-check'];

describe('vigil source add --profile', () => {
  beforeAll(buildCliIfStale);

  it('keeps a relative profile path as the absolute path it named', () => {
    const dir = tempDir();
    const db = path.join(dir, 'vigil.db');
    fs.writeFileSync(path.join(dir, 'prof.json'), '{"user":"default","password":"x"}');
    // From the folder holding the profile, as a user types it.
    execFileSync(
      process.execPath,
      [CLI, 'source', 'add', 'fleet', ...TABLE, '--profile', 'prof.json', '--db', db],
      {
        cwd: dir,
        env: { ...process.env, VIGIL_HOME: dir },
      },
    );
    const listed = execFileSync(process.execPath, [CLI, 'source', 'list', '--db', db, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const [source] = JSON.parse(listed) as { profileFile: string | null }[];
    expect(source?.profileFile).toBe(path.join(dir, 'prof.json'));
  });
});

describe('vigil pull --source --limit', () => {
  it.each(['abc', '5k', '0'])('refuses --limit %s, naming the text given', async (given) => {
    const db = path.join(tempDir(), 'vigil.db');
    expect((await cli('source', 'add', 'fleet', ...TABLE, '--db', db)).error).toBeNull();
    const run = await cli('pull', '--source', 'fleet', '--since', '1h', '--limit', given, '--db', db);
    expect(run.error?.message).toBe(`--limit must be a positive whole number, not "${given}".`);
  });
});
