// `vigil source …` and `vigil pull --source` as a user runs them (in-process CLI, real server).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerImports } from '../../../src-main/cli/commands/imports.js';
import { registerPull } from '../../../src-main/cli/commands/pull.js';
import { registerSource } from '../../../src-main/cli/commands/source.js';
import { fixtureRows, loadFixture, T0 } from '../../helpers/clickhouse-fixture.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';
import { runCli } from '../../helpers/run-cli.js';
import { CLI, createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const ROWS = fixtureRows(1500, 3);
let server: ClickHouseServer;

beforeAll(async () => {
  server = await startClickHouse();
  await loadFixture(server, 'logs', 'web', ROWS);
});
afterAll(async () => {
  await server?.stop();
});

const cli = (...args: string[]) => runCli([registerSource, registerPull, registerImports], args);
/** `vigil source add fleet` for the test server's logs.web table, into `db`, with any further options. */
const addFleet = (db: string, ...more: string[]) =>
  cli(
    'source',
    'add',
    'fleet',
    '--clickhouse',
    server.url,
    '--database',
    'logs',
    '--table',
    'web',
    ...more,
    '--db',
    db,
  );

describe('vigil source and vigil pull --source', () => {
  it('adds, lists, tests, pulls with a filter, and removes', async () => {
    const db = path.join(tempDir(), 'vigil.db');
    process.env.VIGIL_CLICKHOUSE_PASSWORD = server.password;
    const add = await addFleet(db);
    expect(add.error).toBeNull();
    expect(add.stdout).toContain(`Added source fleet: ${server.url} logs.web (mapping vigil).`);
    const list = await cli('source', 'list', '--db', db);
    expect(list.stdout).toMatch(
      /fleet\s+http:\/\/127\.0\.0\.1:\d+\s+logs\.web\s+vigil\s+\$VIGIL_CLICKHOUSE_PASSWORD\s+-/,
    );
    const test = await cli('source', 'test', 'fleet', '--db', db, '--json');
    expect(JSON.parse(test.stdout)).toMatchObject({ name: 'fleet', rows: ROWS.length });

    const pulled = await cli(
      'pull',
      '--source',
      'fleet',
      '--filter',
      'src:192.168.0.0/16 -code:200',
      '--from',
      String(T0),
      '--to',
      String(T0 + 48 * 3_600_000),
      '--db',
      db,
      '--json',
      '--no-enrich',
    );
    expect(pulled.error).toBeNull();
    const expected = ROWS.filter((r) => r.srcIp.startsWith('192.168.') && r.responseCode !== 200).length;
    expect(JSON.parse(pulled.stdout)).toMatchObject({
      status: 'done',
      selector: 'src:192.168.0.0/16 -code:200',
      matching: expected,
      counts: { stored: expected, quarantined: 0, duplicates: 0 },
    });

    // The list says how far the pulls got, a filtered pull's too.
    const listed = JSON.parse((await cli('source', 'list', '--db', db, '--json')).stdout) as {
      lastPulledTs: number | null;
    }[];
    expect(listed[0]?.lastPulledTs).toBe(JSON.parse(pulled.stdout).lastEventTs);

    const removed = await cli('source', 'remove', 'fleet', '--db', db);
    expect(removed.stdout).toContain('Removed source fleet.');
  });

  it('records where a pull came from on its imports, kept after the source is removed', async () => {
    const db = path.join(tempDir(), 'vigil.db');
    process.env.VIGIL_CLICKHOUSE_PASSWORD = server.password;
    const add = await addFleet(db);
    expect(add.error).toBeNull();
    const pulled = await cli(
      'pull',
      '--source',
      'fleet',
      '--filter',
      'src:192.168.0.0/16',
      '--from',
      String(T0),
      '--to',
      String(T0 + 24 * 3_600_000),
      '--db',
      db,
      '--json',
      '--no-enrich',
    );
    expect(pulled.error).toBeNull();
    const { importIds } = JSON.parse(pulled.stdout) as { importIds: number[] };
    expect(importIds.length).toBeGreaterThan(0);
    const origin = `clickhouse source fleet: ${server.url} logs.web, filter 'src:192.168.0.0/16', 2026-01-05T00:00:00Z – 2026-01-06T00:00:00Z`;
    expect(origin).not.toContain(server.password);

    expect((await cli('source', 'remove', 'fleet', '--db', db)).error).toBeNull();
    const listed = JSON.parse((await cli('imports', '--db', db, '--json')).stdout) as {
      id: number;
      origin: string | null;
    }[];
    expect(listed.map((i) => i.id).sort()).toEqual([...importIds].sort());
    for (const i of listed) expect(i.origin).toBe(origin);
    const text = await cli('imports', '--db', db);
    expect(text.stdout).toContain(origin);
  });

  it('says what is wrong: no source named so, both or neither of --log-group and --source, a bad filter', async () => {
    const db = path.join(tempDir(), 'vigil.db');
    expect((await cli('pull', '--source', 'nope', '--db', db)).error?.message).toBe(
      'No source named "nope". See them with: vigil source list',
    );
    expect((await cli('pull', '--db', db)).error?.message).toBe(
      'Give --log-group (CloudWatch Logs) or --source (vigil source list), one of them.',
    );
    expect((await cli('pull', '--source', 'x', '--filter', 'nosuch:1', '--db', db)).error?.message).toMatch(
      /nosuch/,
    );
    expect(
      (
        await cli(
          'source',
          'add',
          'x',
          '--clickhouse',
          'ftp://h',
          '--database',
          'd',
          '--table',
          't',
          '--db',
          db,
        )
      ).error?.message,
    ).toMatch(/^--clickhouse "ftp:\/\/h": an http:\/\/ or https:\/\/ URL$/);
  });

  it('names every field whose column the table lacks at once, not one per try, and adds nothing', async () => {
    const db = path.join(tempDir(), 'vigil.db');
    process.env.VIGIL_CLICKHOUSE_PASSWORD = server.password;
    const add = await addFleet(
      db,
      // Three columns logs.web does not have, and one expression that works there.
      '--field',
      'userAgent=http_user_agent',
      'referrer=http_referer',
      'method=upper(verb)',
      'path=lower(path)',
    );
    const message = add.error?.message ?? '';
    expect(message).toMatch(
      /^source "fleet": 3 fields of the mapping name columns logs\.web does not have: method = upper\(verb\), userAgent = http_user_agent, referrer = http_referer \(first: .*verb.*\)\. Fix them with --field FIELD=EXPR/,
    );
    expect(message).not.toMatch(/path = /);
    const listed = await cli('source', 'list', '--db', db, '--json');
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it('exits non-zero and says why when a pull fails, as a process of its own', async () => {
    // The pull starts the import thread early; the thread is idle (unref'd) when the pull fails,
    // and closing it let the process end with exit 0 before the error was printed.
    const db = path.join(tempDir(), 'vigil.db');
    const env = { ...process.env, VIGIL_CLICKHOUSE_PASSWORD: server.password };
    const add = [
      'source',
      'add',
      'fleet',
      '--clickhouse',
      server.url,
      '--database',
      'logs',
      '--table',
      'web',
    ];
    expect((await cli(...add, '--db', db)).error).toBeNull();
    const pull = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [CLI, 'pull', '--source', 'fleet', '--from', String(T0), ...args, '--db', db],
        {
          encoding: 'utf8',
          env,
        },
      );
    const workspaceOnly = pull('--filter', 'score:>0.5');
    expect(workspaceOnly.stderr).toContain('vigil: score: is known only in the local workspace');
    expect(workspaceOnly.status).toBe(1);
    const tooMany = pull('--limit', '10');
    expect(tooMany.stderr).toMatch(/^vigil: [\d,]+ rows of source "fleet" match, more than the limit of 10/m);
    expect(tooMany.status).toBe(1);
  });
});
