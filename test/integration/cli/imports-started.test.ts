// `vigil imports` says when each import began, in UTC as the CLI's other times (ISO 8601), for a
// finished import and for one refused before reading a row alike.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, runBuiltCli } from '../../helpers/built-cli.js';
import { CLOUDWATCH_HEADER, cloudwatchRow } from '../../helpers/cloudwatch-rows.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
beforeAll(buildCliIfStale);
const vigil = runBuiltCli;

const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/;

describe('vigil imports: when each import started', () => {
  it('has a started (UTC) column with the time each import began', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, `${CLOUDWATCH_HEADER}\n${cloudwatchRow(0)}\n`);
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'nothing Vigil can read\n');
    const before = Date.now();
    expect((await vigil('ingest', good, notes, '--db', db, '--no-enrich')).code).toBe(1);
    const after = Date.now();

    const listed = await vigil('imports', '--db', db);
    expect(listed.code, listed.stderr).toBe(0);
    const [header, ...rows] = listed.stdout.split('\n');
    expect(header).toMatch(/ duplicates +started \(UTC\) +labels /);
    const startedOf = (name: string) => {
      const row = rows.find((r) => r.includes(` ${name} `));
      const at = row && ISO.exec(row)?.[0];
      if (!at) throw new Error(`no start time for ${name} in:\n${listed.stdout}`);
      return Date.parse(at);
    };
    for (const name of ['good.csv', 'notes.txt']) {
      expect(startedOf(name)).toBeGreaterThanOrEqual(before);
      expect(startedOf(name)).toBeLessThanOrEqual(after);
    }
    expect(startedOf('good.csv')).toBeLessThanOrEqual(startedOf('notes.txt'));

    const json = JSON.parse((await vigil('imports', '--db', db, '--json')).stdout) as { startedAt: number }[];
    expect(json.map((i) => i.startedAt)).toEqual([startedOf('notes.txt'), startedOf('good.csv')]);
  });
});
