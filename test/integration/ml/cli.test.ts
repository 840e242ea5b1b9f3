// `vigil train | score | models` through the built CLI, as an analyst's shell would run them.
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, SAMPLE } from '../../helpers/temp.js';
import { generatedDb, suiteDir } from './harness.js';

const dir = suiteDir();
let db = '';

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--if-stale'], { cwd: ROOT });
  db = await generatedDb(dir, { rows: 12_000, seed: 21, days: 2, attackRate: 0.05 });
});

function vigil(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: dir }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('vigil train / score / models (built CLI)', () => {
  it('refuses to train on the embedded sample: exit 1, the reason on stderr, nothing on stdout', async () => {
    const sampleDb = path.join(dir, 'sample.db');
    expect((await vigil('ingest', SAMPLE, '--db', sampleDb, '--no-enrich', '--json')).code).toBe(0);
    const refused = await vigil('train', '--model', 'rf', '--db', sampleDb, '--json');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(
      /every session in this data has detection type waf_rule .*nothing to learn/,
    );
    expect(refused.stderr).toMatch(/--labels column:NAME/);
  });

  it('train --json prints the run with metrics beside the baseline; score and models follow', async () => {
    const trained = await vigil(
      'train',
      '--model',
      'rf',
      '--split',
      'ip',
      '--trees',
      '30',
      '--seed',
      '2',
      '--db',
      db,
      '--json',
    );
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    const run = JSON.parse(trained.stdout);
    expect(run).toMatchObject({ kind: 'rf', backend: 'cpu', split: 'ip', status: 'done', active: true });
    for (const key of ['rocAuc', 'prAuc', 'precision', 'recall', 'f1'])
      expect(typeof run.metrics[key]).toBe('number');
    for (const key of ['rocAuc', 'prAuc', 'f1']) expect(typeof run.baseline[key]).toBe('number');
    expect(run.metrics.rocAuc).toBeGreaterThan(run.baseline.rocAuc + 0.3);

    const table = await vigil('models', '--run', String(run.id), '--db', db);
    expect(table.stdout).toMatch(/metric\s+rf\s+baseline \(majority\)/);
    expect(table.stdout).toMatch(/rocAuc\s+0\.\d{3}\s+0\.500/);

    const scored = await vigil('score', '--db', db, '--json');
    expect(scored.code).toBe(0);
    expect(JSON.parse(scored.stdout)).toMatchObject({ runId: run.id, scored: 12_000 });

    const iforest = await vigil('train', '--model', 'iforest', '--trees', '50', '--db', db, '--json');
    const second = JSON.parse(iforest.stdout);
    const listed = JSON.parse((await vigil('models', '--db', db, '--json')).stdout);
    expect(listed.map((r: { id: number }) => r.id)).toEqual([second.id, run.id]);
    expect(listed[1].metrics.rocAuc).toBe(run.metrics.rocAuc);

    const again = await vigil('train', '--model', 'rf', '--trees', '10', '--db', db, '--json');
    const third = JSON.parse(again.stdout);
    expect(third.active).toBe(false);
    const activated = await vigil('models', 'activate', String(third.id), '--db', db);
    expect(activated.stdout).toMatch(new RegExp(`Run ${third.id} is now the active rf model`));
    // It never scored: the analyst hears that it flags nothing until it does.
    expect(activated.stdout).toContain(
      `It has not scored the sessions yet, so it flags none: vigil score --run ${third.id}.`,
    );
    const after = JSON.parse((await vigil('models', '--db', db, '--json')).stdout);
    expect(after.find((r: { id: number }) => r.id === run.id).active).toBe(false);
  });

  it('says when the held-out side has too few attacks to judge the figures', async () => {
    // 500 requests, ~15 attacks: a random split holds out 4 of them.
    const small = path.join(dir, 'small.log');
    const smallDb = path.join(dir, 'small.db');
    await vigil(
      'generate',
      '--format',
      'combined',
      '--rows',
      '500',
      '--seed',
      '5',
      '--days',
      '1',
      '--out',
      small,
    );
    expect(
      (await vigil('ingest', small, '--labels', `${small}.labels.csv`, '--db', smallDb, '--no-enrich')).code,
    ).toBe(0);
    const trained = await vigil(
      'train',
      '--model',
      'rf',
      '--split',
      'random',
      '--trees',
      '20',
      '--db',
      smallDb,
    );
    expect(trained.code).toBe(0);
    const held = Number(/tested on [\d,]+ held-out sessions \((\d+) malicious\)/.exec(trained.stdout)?.[1]);
    expect(held).toBeLessThan(10);
    expect(trained.stdout).toContain(
      `Too few to judge: only ${held} malicious sessions were held out, so one of them moves recall by ${(1 / held).toFixed(2)};`,
    );
    const json = JSON.parse((await vigil('models', '--db', smallDb, '--json')).stdout);
    expect(json[0].evaluation.fewHeldOut).toMatch(/^Too few to judge: only \d malicious sessions/);
  }, 60_000);

  it('says how many labelled sessions a time split leaves on neither side, so the figures add up', async () => {
    const byTime = await vigil('train', '--model', 'rf', '--split', 'time', '--trees', '20', '--db', db);
    expect(byTime.code, byTime.stderr).toBe(0);
    const n = (pattern: RegExp) => Number(pattern.exec(byTime.stdout)?.[1]?.replaceAll(',', ''));
    const fitted = n(/fitted on ([\d,]+) sessions/);
    const chosen = n(/chosen on ([\d,]+) later sessions/);
    const tested = n(/tested on ([\d,]+) held-out sessions/);
    const labelled = Number(
      execFileSync('sqlite3', [db, 'SELECT count(*) FROM sessions WHERE label IS NOT NULL'], {
        encoding: 'utf8',
      }).trim(),
    );
    const neither = labelled - fitted - chosen - tested;
    expect(neither).toBeGreaterThan(0);
    expect(byTime.stdout).toContain(
      `${neither.toLocaleString('en-US')} of the ${labelled.toLocaleString('en-US')} labelled sessions are on neither side:`,
    );
    // A random split puts every labelled session on a side: nothing to say.
    const random = await vigil('train', '--model', 'rf', '--split', 'random', '--trees', '20', '--db', db);
    expect(random.code, random.stderr).toBe(0);
    expect(random.stdout).not.toContain('on neither side');
  }, 120_000);

  it('rejects a malformed --labels with the accepted forms', async () => {
    const bad = await vigil('train', '--model', 'rf', '--labels', 'labels', '--db', db);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/use column:NAME, detection-map:FILE, verdicts, rule-hits or rules:LEVEL/);
  });

  it('train --target type prints each kind beside the baseline; the Isolation Forest refuses it', async () => {
    const refused = await vigil('train', '--model', 'iforest', '--target', 'type', '--db', db);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Refusing --target type: the Isolation Forest learns no labels/);
    const trained = await vigil(
      'train',
      '--model',
      'rf',
      '--target',
      'type',
      '--split',
      'random',
      '--trees',
      '20',
      '--db',
      db,
    );
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/^Run \d+: rf \(threat types\)/);
    expect(trained.stdout).toMatch(/Kinds \(held out; baseline always answers benign\):/);
    expect(trained.stdout).toMatch(/\nbenign +\d+ +\d+ /);
    expect(trained.stdout).toMatch(/macro F1 +0\.\d{3} +0\.\d{3}/);
    expect(trained.stdout).toMatch(/Confusion \(rows: true kind, columns: predicted\):/);
    const json = JSON.parse((await vigil('models', '--db', db, '--json')).stdout) as {
      target: string;
      kinds: { classes: string[] } | null;
    }[];
    const typed = json.find((run) => run.target === 'type');
    expect(typed?.kinds?.classes[0]).toBe('benign');

    // The list and the activation name a threat-type run as such (as the Models view does): a bare
    // "rf" read as the malicious-or-not Random Forest it replaces in the rf slot.
    const typedId = (typed as unknown as { id: number }).id;
    const listedTable = (await vigil('models', '--db', db)).stdout;
    expect(listedTable).toMatch(new RegExp(`\\n *${typedId} +rf \\(threat types\\) +done`));
    // A malicious-or-not rf holds the rf slot; activating the threat-type run names it stepping down.
    const plain = JSON.parse(
      (await vigil('train', '--model', 'rf', '--trees', '5', '--db', db, '--json')).stdout,
    );
    await vigil('models', 'activate', String(plain.id), '--db', db);
    const activated = await vigil('models', 'activate', String(typedId), '--db', db);
    expect(activated.stdout).toContain(
      `Run ${typedId} is now the active rf (threat types) model; run ${plain.id} (rf) steps down.`,
    );
    const scored = await vigil('score', '--run', String(typedId), '--db', db);
    expect(scored.stdout).toMatch(
      new RegExp(`^Run ${typedId} \\(rf, threat types\\): 12000 sessions scored, \\d+ flagged`),
    );
  }, 120_000);
});
