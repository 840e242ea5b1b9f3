// `vigil report --filter`: the sessions an analyst narrowed to with the filter language, exported
// as CSV or JSON from the command line, as the app's filter bar reads it; a filter that does not
// parse is refused with where it went wrong, and nothing is written.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, ingestedWith, runBuiltCli } from '../../helpers/built-cli.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
beforeAll(buildCliIfStale);
const vigil = runBuiltCli;

const ACCESS_LOG = [
  '192.0.2.1 - - [12/Feb/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  '192.0.2.2 - - [12/Feb/2024:10:00:01 +0000] "GET /p.php?id=1%27%20UNION%20SELECT%20null-- HTTP/1.1" 500 90 "-" "sqlmap/1.8"',
  '192.0.2.3 - - [12/Feb/2024:10:00:02 +0000] "GET /missing HTTP/1.1" 404 0 "-" "curl/8.5.0"',
  '192.0.2.4 - - [12/Feb/2024:10:00:03 +0000] "POST /login HTTP/1.1" 401 12 "-" "curl/8.5.0"',
];

async function workspace(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  return { dir, db: await ingestedWith(dir, 'access.log', `${ACCESS_LOG.join('\n')}\n`) };
}

describe('vigil report --filter', () => {
  it('exports the sessions the filter language selects', async () => {
    const { dir, db } = await workspace();
    const csv = path.join(dir, 'clients.csv');
    const run = await vigil(
      'report',
      '--format',
      'csv',
      '--filter',
      'status:4xx ua:curl',
      '--out',
      csv,
      '--db',
      db,
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ sessions: 2 });
    const rows = fs.readFileSync(csv, 'utf8').trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows.slice(1).map((row) => /192\.0\.2\.\d/.exec(row)?.[0])).toEqual(['192.0.2.3', '192.0.2.4']);
    const json = path.join(dir, 'hits.json');
    await vigil('report', '--format', 'json', '--filter', 'sigma:*', '--out', json, '--db', db);
    expect((JSON.parse(fs.readFileSync(json, 'utf8')) as { srcIp: string }[]).map((s) => s.srcIp)).toEqual([
      '192.0.2.2',
    ]);
  });

  it('refuses a filter that does not parse, saying where, and writes nothing', async () => {
    const { dir, db } = await workspace();
    const out = path.join(dir, 'x.csv');
    const run = await vigil('report', '--format', 'csv', '--filter', 'status:abc', '--out', out, '--db', db);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--filter: status: bad comparison "abc"/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses --filter beside --case, whose sessions the case decides', async () => {
    const { dir, db } = await workspace();
    const run = await vigil(
      'report',
      '--case',
      '1',
      '--format',
      'csv',
      '--filter',
      'ua:curl',
      '--out',
      path.join(dir, 'y.csv'),
      '--db',
      db,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--filter selects sessions without --case/);
  });

  // Before, --verdict, --src-ip and --tag beside --case were dropped without a word: a
  // "malicious sessions of case 1" export held every session of the case.
  it.each([
    ['--verdict', 'malicious'],
    ['--src-ip', '192.0.2.2'],
    ['--tag', 'x'],
  ])('refuses %s beside --case, and writes nothing', async (option, value) => {
    const { dir, db } = await workspace();
    const made = await vigil('case', 'create', '--title', 'all', '--filter', 'code:>0', '--db', db);
    expect(made.code, made.stderr).toBe(0);
    const out = path.join(dir, 'z.csv');
    const run = await vigil(
      'report',
      '--case',
      '1',
      '--format',
      'csv',
      option,
      value,
      '--out',
      out,
      '--db',
      db,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${option} selects sessions without --case`);
    expect(fs.existsSync(out)).toBe(false);
  });

  // Before, csv and json of a case id that does not exist wrote an empty file and said "Wrote …
  // 0 session(s)", while html, pdf and stix said "No case with id 9.": a mistyped id became an
  // empty export of a "case" that never was.
  it.each(['csv', 'json', 'html'])(
    '%s: refuses a case that does not exist, and writes nothing',
    async (format) => {
      const { dir, db } = await workspace();
      const out = path.join(dir, `case-9.${format}`);
      const run = await vigil('report', '--case', '9', '--format', format, '--out', out, '--db', db);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('No case with id 9.');
      expect(
        fs.readdirSync(dir).filter((name) => name.startsWith('case-9') || name.endsWith('.partial')),
      ).toEqual([]);
    },
  );

  it('refuses --out in a folder that does not exist, rather than creating a mistyped one', async () => {
    const { dir, db } = await workspace();
    const typo = path.join(dir, 'reprots', 'sub');
    const run = await vigil('report', '--format', 'csv', '--out', path.join(typo, 'all.csv'), '--db', db);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`The folder ${typo} does not exist.`);
    expect(fs.existsSync(path.join(dir, 'reprots'))).toBe(false);
  });

  it('says so in --help', async () => {
    expect((await vigil('report', '--help')).stdout).toMatch(/--filter <text>[\s\S]*filter language/);
  });
});
