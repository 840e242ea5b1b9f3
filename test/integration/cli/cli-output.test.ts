// The built CLI as a shell runs it: what it prints from hostile log data and files, how it names
// its errors, and the exit codes scripts rely on.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, runBuiltCli } from '../../helpers/built-cli.js';
import { CLOUDWATCH_HEADER, cloudwatchRow } from '../../helpers/cloudwatch-rows.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

beforeAll(buildCliIfStale);
const vigil = runBuiltCli;

// What a terminal would act on: ESC (CSI, OSC), BEL, a bare CR, the 8-bit CSI (C1), DEL, and a
// right-to-left override that makes a line read backwards.
const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;
const HOSTILE = '\u001b]0;owned\u0007\u001b[2J\u009b31m\r\u007f\u202egnp.exe';

describe('CLI output from log data', () => {
  it('shows control characters of quarantined rows as visible escapes, in tables and in JSON', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const file = path.join(dir, 'hostile.csv');
    // Two good rows and one with too few fields, whose raw text is kept in quarantine.
    fs.writeFileSync(
      file,
      `${CLOUDWATCH_HEADER}\n${cloudwatchRow(0)}\n${HOSTILE},1,2\n${cloudwatchRow(1)}\n`,
    );
    const ingest = await vigil('ingest', file, '--db', db, '--no-enrich', '--json');
    expect(ingest.code).toBe(0);
    const [result] = JSON.parse(ingest.stdout) as { importId: number; quarantined: number }[];
    expect(result!.quarantined).toBe(1);

    const shown = await vigil('imports', '--quarantine', String(result!.importId), '--db', db);
    expect(shown.code).toBe(0);
    expect(shown.stdout).not.toMatch(RAW_CONTROLS);
    expect(shown.stdout).toContain('\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\x0d\\x7f\\u202egnp.exe');

    const json = await vigil('imports', '--quarantine', String(result!.importId), '--db', db, '--json');
    expect(json.stdout).not.toMatch(RAW_CONTROLS);
    const page = JSON.parse(json.stdout) as { items: { raw: string }[] };
    expect(page.items[0]!.raw).toContain(HOSTILE);
  });

  it('does not echo the raw bytes of a binary file given to ioc add', async () => {
    const dir = tempDir();
    const iocAdd = (file: string, name: string) =>
      vigil('ioc', 'add', file, '--name', name, '--kind', 'known_bad', '--db', path.join(dir, 'v.db'));
    const binary = path.join(dir, 'list.bin');
    fs.writeFileSync(
      binary,
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x1b, 0x5b, 0x32, 0x4a, 0x0a, 0x00, 0x9b, 0x07]),
    );
    const added = await iocAdd(binary, 'x');
    expect(added.code).toBe(1);
    expect(added.stderr).toMatch(
      /^vigil: No IP address or CIDR block in the list \(line 1: "\\x7fELF\\x1b\[2J"/,
    );
    expect(added.stdout + added.stderr).not.toMatch(RAW_CONTROLS);

    const mixed = path.join(dir, 'mixed.txt');
    fs.writeFileSync(mixed, '203.0.113.9\n\u001b[31mnot-an-ip\u0007\n');
    const partly = await iocAdd(mixed, 'y');
    expect(partly.code).toBe(0);
    expect(partly.stderr).toContain('line 2: "\\x1b[31mnot-an-ip\\x07"');
    expect(partly.stderr).not.toMatch(RAW_CONTROLS);
  });
});

describe('CLI errors and exit codes', () => {
  it('refuses a --db in a folder that does not exist, and creates nothing', async () => {
    const dir = tempDir();
    const missing = path.join(dir, 'typo', 'deeper', 'vigil.db');
    const run = await vigil('stats', '--db', missing);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`The folder ${path.dirname(missing)} does not exist`);
    expect(fs.existsSync(path.join(dir, 'typo'))).toBe(false);

    const folder = await vigil('stats', '--db', dir);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain(`${dir} is a folder`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("prefixes the argument parser's own errors with vigil:, and names a run id that is no number", async () => {
    const db = path.join(tempDir(), 'v.db');
    const extra = await vigil('case', 'add', '1', '--session', '11', 'twelve', 'extra', '--db', db);
    expect(extra.code).toBe(1);
    expect(extra.stderr).toMatch(/^vigil: /);
    const required = await vigil('case', 'create', '--db', db);
    expect(required.stderr).toMatch(/^vigil: required option '--title <text>' not specified/);
    for (const args of [
      ['score', '--run', 'abc'],
      ['models', '--run', 'abc'],
      ['models', 'activate', 'abc'],
    ]) {
      const run = await vigil(...args, '--db', db);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr, args.join(' ')).toMatch(/^vigil: .*must be a positive whole number, not "abc"/);
      expect(run.stderr).not.toMatch(/null|NaN/);
    }
  });

  it('takes a session id only as decimal digits: 0x10 or 1e1 is refused, not read as 16 or 10', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const file = path.join(dir, 'sessions.csv');
    const rows = Array.from({ length: 20 }, (_, i) => cloudwatchRow(i));
    fs.writeFileSync(file, `${CLOUDWATCH_HEADER}\n${rows.join('\n')}\n`);
    expect((await vigil('ingest', file, '--db', db, '--no-enrich')).code).toBe(0);
    // Number() reads these as other ids: before, `--session 0x10` put the verdict on session 16.
    for (const id of ['0x10', '1e1', '0b11', '9007199254740993', '']) {
      const run = await vigil('verdict', '--session', id, '--verdict', 'malicious', '--db', db);
      expect(run.code, id).toBe(1);
      expect(run.stderr, id).toBe(`vigil: --session must be a positive whole number, not "${id}".\n`);
      const added = await vigil('case', 'create', '--title', 't', '--session', id, '--db', db);
      expect(added.code, id).toBe(1);
    }
    const history = await vigil('verdict', '--history', '16', '--db', db, '--json');
    expect(JSON.parse(history.stdout)).toEqual([]);
    const listed = await vigil('case', 'list', '--db', db, '--json');
    expect(JSON.parse(listed.stdout)).toEqual([]);
    // Plain digits still work, leading zeros included.
    const plain = await vigil('verdict', '--session', '016', '--verdict', 'malicious', '--db', db);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('recorded on 1 session');
  });

  it('says when a format quarantined every row, and gives the command for that import', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const log = path.join(dir, 'access.log');
    fs.writeFileSync(
      log,
      '192.0.2.1 - - [12/Feb/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0"\n',
    );
    const wrong = await vigil('ingest', log, '--format', 'vpc-flow', '--db', db, '--no-enrich');
    expect(wrong.code).toBe(0);
    expect(wrong.stdout).toContain(
      'access.log: every row was quarantined. Is it vpc-flow? Import it again without --format to let Vigil recognise it.',
    );
    expect(wrong.stdout).toContain(`See its quarantined rows with: vigil imports --quarantine 1 --db ${db}`);
    const shown = await vigil('imports', '--quarantine', '1', '--db', db);
    expect(shown.code).toBe(0);
    const again = await vigil('ingest', log, '--db', db, '--no-enrich', '--json');
    expect(JSON.parse(again.stdout)[0]).toMatchObject({ format: 'combined', stored: 1 });
  });

  it('says in words that a file a command reads is missing, naming what it was for', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const missing = path.join(dir, 'nosuch.txt');
    const ioc = await vigil('ioc', 'add', missing, '--name', 'x', '--kind', 'known_bad', '--db', db);
    expect(ioc.code).toBe(1);
    expect(ioc.stderr).toBe(`vigil: IOC list ${missing}: no such file (check the name and the folder)\n`);
    const map = path.join(dir, 'nofile.json');
    const train = await vigil('train', '--model', 'rf', '--labels', `detection-map:${map}`, '--db', db);
    expect(train.code).toBe(1);
    expect(train.stderr).toBe(`vigil: detection map ${map}: no such file (check the name and the folder)\n`);
  });

  it('lists why an import failed, in one sentence, as the Import view does', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const log = path.join(dir, 'l.log');
    const request = (i: number) =>
      `198.51.100.${i} - - [25/Apr/2024:00:00:0${i} +0000] "GET /item?id=${i} HTTP/1.1" 200 512 "-" "curl/8.0"`;
    fs.writeFileSync(log, `${[1, 2, 3].map(request).join('\n')}\n`);
    fs.writeFileSync(`${log}.labels.csv`, 'line,label\n3,benign\n2,sqli\n');
    const ingest = await vigil('ingest', log, `${log}.labels.csv`, '--db', db, '--no-enrich');
    expect(ingest.code).toBe(1);
    const listed = await vigil('imports', '--db', db);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^ 1 +l\.log +combined +failed /m);
    expect(listed.stdout).toContain(
      '#1 failed: Labels file l.log.labels.csv, line 3: line 2 comes after line 3: give the lines in order, once each. Nothing from this import was kept.\n',
    );
  });

  it('exits non-zero for the quarantine of an import that does not exist', async () => {
    const db = path.join(tempDir(), 'v.db');
    const run = await vigil('imports', '--quarantine', '999', '--db', db);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('vigil: No import with id 999. List them with: vigil imports\n');
    expect((await vigil('imports', '--quarantine', 'abc', '--db', db)).stderr).toMatch(
      /--quarantine must be a positive whole number/,
    );
  });

  it('reports ingest failures on stderr, prefixed and in plain words', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const run = await vigil('ingest', path.join(dir, 'missing.csv'), dir, '--db', db);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('vigil: missing.csv: no such file (check the name and the folder)\n');
    expect(run.stderr).toContain(`vigil: ${path.basename(dir)}: this is a folder; name the log files in it`);
    expect(run.stdout + run.stderr).not.toMatch(/ENOENT|EISDIR/);
    expect(run.stdout).toMatch(/missing\.csv\s+-\s+failed/);
    const json = await vigil('ingest', path.join(dir, 'missing.csv'), '--db', db, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject([
      { status: 'failed', message: expect.stringMatching(/^no such file/) },
    ]);
    expect(json.stderr).toMatch(/^vigil: missing\.csv: no such file/);
  });

  it('takes several session ids after one --session, as the README shows', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const file = path.join(dir, 'three.csv');
    fs.writeFileSync(file, `${CLOUDWATCH_HEADER}\n${[0, 1, 2, 3].map((i) => cloudwatchRow(i)).join('\n')}\n`);
    expect((await vigil('ingest', file, '--db', db, '--no-enrich')).code).toBe(0);
    const run = await vigil(
      'verdict',
      '--session',
      '1',
      '2',
      '3',
      '--verdict',
      'review',
      '--db',
      db,
      '--json',
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ changed: 3 });
    const repeated = await vigil(
      'verdict',
      '--session',
      '3',
      '--session',
      '4',
      '--verdict',
      'benign',
      '--db',
      db,
      '--json',
    );
    expect(JSON.parse(repeated.stdout)).toMatchObject({ changed: 2 });
  });
});
