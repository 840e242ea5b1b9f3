// `vigil imports` lists a file `vigil ingest` refused before reading a row (format not recognised,
// missing) as a failed import with its reason, read back by a later process from the database:
// the attempt is on record, not only in the terminal that tried it.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, runBuiltCli } from '../../helpers/built-cli.js';
import { CLOUDWATCH_HEADER, cloudwatchRow } from '../../helpers/cloudwatch-rows.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
beforeAll(buildCliIfStale);
const vigil = runBuiltCli;

describe('vigil imports: refused files', () => {
  it('lists a file whose format was not recognised and a missing one as failed, with the reasons', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'nothing Vigil can read\nsecond line of prose\n');
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, `${CLOUDWATCH_HEADER}\n${cloudwatchRow(0)}\n`);
    const ingest = await vigil('ingest', notes, path.join(dir, 'gone.log'), good, '--db', db, '--no-enrich');
    expect(ingest.code).toBe(1);
    expect(ingest.stderr).toMatch(/^vigil: notes\.txt: Could not recognise the format/m);
    expect(ingest.stderr).toContain('vigil: gone.log: no such file (check the name and the folder)\n');

    const listed = await vigil('imports', '--db', db);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^ 3 +good\.csv +cloudwatch-csv +done /m);
    expect(listed.stdout).toMatch(/^ 2 +gone\.log +- +failed +0 +0 /m);
    expect(listed.stdout).toMatch(/^ 1 +notes\.txt +- +failed +0 +0 /m);
    expect(listed.stdout).toMatch(/^#1 failed: Could not recognise the format of notes\.txt/m);
    expect(listed.stdout).toContain('#2 failed: no such file (check the name and the folder)\n');

    const json = JSON.parse((await vigil('imports', '--db', db, '--json')).stdout);
    expect(json.map((i: { status: string; format: string | null }) => [i.status, i.format])).toEqual([
      ['done', 'cloudwatch-csv'],
      ['failed', null],
      ['failed', null],
    ]);
  });

  it('gives the import id of a refused file in ingest --json', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'nothing Vigil can read\n');
    const ingest = await vigil('ingest', notes, '--db', db, '--no-enrich', '--json');
    expect(ingest.code).toBe(1);
    expect(JSON.parse(ingest.stdout)).toMatchObject([{ importId: 1, status: 'failed', format: null }]);
  });
});
