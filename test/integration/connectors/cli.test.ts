// `vigil pull` and `vigil log-groups` end to end: the built CLI in a child process against moto.
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { CLI, createTempDirs, ROOT } from '../../helpers/temp.js';
import { isolatedAwsEnv } from './env.js';
import { vpcEvents } from './events.js';
import { createGroup, type Moto, putEvents, REGION, startMoto } from './moto.js';

const tempDir = createTempDirs();
let moto: Moto;

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--if-stale'], { cwd: ROOT });
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function vigil(args: string[], dir: string): Promise<Run> {
  // Dummy keys in the environment, the way an analyst's shell would hold real ones.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...isolatedAwsEnv(dir),
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env, cwd: dir }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('vigil pull / vigil log-groups (built CLI, moto_server)', () => {
  it('pull --json stores the events and prints the summary; --new then adds only what is new', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'vigil.db');
    const t0 = Date.now() - 600_000;
    const all = vpcEvents(1_500, t0);
    await createGroup(moto, '/vpc/flow', ['eni']);
    await putEvents(moto, '/vpc/flow', 'eni', all.events.slice(0, 1_000));
    const common = [
      '--region',
      REGION,
      '--endpoint',
      moto.url,
      '--log-group',
      '/vpc/flow',
      '--db',
      db,
      '--no-enrich',
    ];

    const first = await vigil(['pull', ...common, '--since', '1h', '--json'], dir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      status: 'done',
      logGroup: '/vpc/flow',
      region: REGION,
      endpoint: moto.url,
      events: 1_000,
      pages: 1,
      counts: { rowsRead: 1_000, stored: 1_000, quarantined: 0, duplicates: 0 },
    });

    await putEvents(moto, '/vpc/flow', 'eni', all.events.slice(1_000));
    const second = await vigil(['pull', ...common, '--new', '--overlap', '0s'], dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^pulled\s+501 events in 1 page \(/m);
    expect(second.stdout).toMatch(/^stored\s+500 *$/m);
    expect(second.stdout).toMatch(/^duplicates\s+1 *$/m);

    const check = openDatabase(db);
    expect(check.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 1_500 });
    check.close();
  });

  it('log-groups lists groups with stored bytes and retention, as JSON and as a table', async () => {
    const dir = tempDir();
    await createGroup(moto, '/vpc/flow', ['eni'], 14);
    await createGroup(moto, 'aws-waf-logs-shop', []);
    const args = ['log-groups', '--region', REGION, '--endpoint', moto.url, '--db', path.join(dir, 'v.db')];
    const json = await vigil([...args, '--json'], dir);
    expect(json.code).toBe(0);
    expect(
      JSON.parse(json.stdout).map((g: { name: string; retentionInDays: number | null }) => [
        g.name,
        g.retentionInDays,
      ]),
    ).toEqual([
      ['/vpc/flow', 14],
      ['aws-waf-logs-shop', null],
    ]);
    const text = await vigil([...args, '--prefix', '/vpc'], dir);
    expect(text.stdout).toMatch(/^\/vpc\/flow\s+0 B\s+14 days\s+- *$/m);
    expect(text.stdout).not.toMatch(/aws-waf-logs-shop/);
  });

  it('a missing log group: exit code 1 and the explained error', async () => {
    const dir = tempDir();
    const run = await vigil(
      [
        'pull',
        '--region',
        REGION,
        '--endpoint',
        moto.url,
        '--log-group',
        'nope',
        '--db',
        path.join(dir, 'v.db'),
      ],
      dir,
    );
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `vigil: log group nope not found in region ${REGION} (endpoint ${moto.url}).`,
    );
  });

  it('--help explains the credential chain, that nothing is stored, and that this is the network command', async () => {
    const dir = tempDir();
    for (const command of ['pull', 'log-groups']) {
      const help = (await vigil([command, '--help'], dir)).stdout;
      expect(help).toMatch(/Credentials come from the standard AWS chain/);
      expect(help).toMatch(/--profile NAME \(or AWS_PROFILE\)/);
      expect(help).toMatch(/AWS_ACCESS_KEY_ID \+ AWS_SECRET_ACCESS_KEY/);
      expect(help).toMatch(/Vigil never stores credentials\./);
      expect(help).toMatch(/This command talks to the network.*\nEvery other vigil command works offline\./);
    }
  });
});
