// `vigil train | models | models activate` on a threat-type run a time split left untested for
// two kinds, through the built CLI as a shell runs it: the per-kind table says which kinds were
// judged, activation refuses without --accept-untested (exit 1, the reason on stderr) and, with
// it, says which kinds the run will name untested.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, runBuiltCli } from '../../helpers/built-cli.js';
import { writeUntestedKindsDb } from '../../helpers/untested-kinds-data.js';
import { suiteDir } from '../ml/harness.js';

const dir = suiteDir();
let db = '';
let runId = 0;
let trainedOut = '';

beforeAll(async () => {
  buildCliIfStale();
  db = writeUntestedKindsDb(path.join(dir, 'v.db'));
  const trained = await runBuiltCli(
    'train',
    '--model',
    'rf',
    '--target',
    'type',
    '--split',
    'time',
    '--trees',
    '20',
    '--seed',
    '3',
    '--db',
    db,
  );
  if (trained.code !== 0) throw new Error(trained.stderr);
  trainedOut = trained.stdout;
  runId = Number(/^Run (\d+):/.exec(trainedOut)?.[1]);
}, 120_000);

describe('untested kinds through the built CLI', () => {
  it('train prints which kinds were judged beside the figures, and the run is not made active', () => {
    expect(trainedOut).toMatch(/^Run \d+: rf \(threat types\) on cpu, done,/);
    expect(trainedOut).not.toMatch(/^Run \d+: [^\n]*\(active\)/);
    expect(trainedOut).toMatch(/\nbrute_force +0 +\d+ +— +— +— +— +— +— +not tested \(none held out\)/);
    expect(trainedOut).toMatch(/\nxss +\d+ +\d+ +\d\.\d{3} .* judged *\n/);
    expect(trainedOut).toContain(`Run ${runId} names 2 kinds on new sessions that it was not tested on:`);
    expect(trainedOut).toContain(`Not made active: vigil models activate ${runId} --accept-untested`);
  });

  it('models lists the run with the kinds it names untested; --json records them', async () => {
    const listed = await runBuiltCli('models', '--db', db);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(
        `Run ${runId} names kinds it was not tested on: (brute_force|sql_injection), (brute_force|sql_injection) \\(vigil models --run ${runId}\\)`,
      ),
    );
    const json = JSON.parse((await runBuiltCli('models', '--db', db, '--json')).stdout) as {
      id: number;
      evaluation: { untestedKinds: { kind: string; heldOut: number; testing: string }[] };
    }[];
    const run = json.find((r) => r.id === runId);
    expect(run?.evaluation.untestedKinds.map((k) => k.kind).sort()).toEqual(['brute_force', 'sql_injection']);
    expect(run?.evaluation.untestedKinds[0]).toMatchObject({ heldOut: 0, testing: 'none-held-out' });
  });

  it('activate refuses without --accept-untested: exit 1, the kinds and the way on, nothing changed', async () => {
    const refused = await runBuiltCli('models', 'activate', String(runId), '--db', db);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`Not activated. Run ${runId} names 2 kinds on new sessions`);
    expect(refused.stderr).toContain(`vigil models activate ${runId} --accept-untested`);
    const json = JSON.parse((await runBuiltCli('models', '--db', db, '--json')).stdout) as {
      id: number;
      active: boolean;
    }[];
    expect(json.find((r) => r.id === runId)?.active).toBe(false);
  });

  it('rejects an unknown run as before, accepted or not', async () => {
    const unknown = await runBuiltCli('models', 'activate', '999', '--accept-untested', '--db', db);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No model run with id 999/);
  });

  it('activate --accept-untested makes it active and says which kinds it names untested', async () => {
    const accepted = await runBuiltCli('models', 'activate', String(runId), '--accept-untested', '--db', db);
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain(`Run ${runId} is now the active rf (threat types) model.`);
    expect(accepted.stdout).toContain(
      `Run ${runId} names 2 kinds on new sessions that it was not tested on:`,
    );
  });

  it('--help documents the refusal and the option', async () => {
    const help = await runBuiltCli('models', 'activate', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--accept-untested');
    expect(help.stdout).toMatch(/refuse/i);
  });
});
