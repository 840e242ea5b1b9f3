// `vigil train` and the rule-hit features through the built CLI: rule-derived labels leave them
// out and the printed run says why; --no-rule-features leaves them out on request, in --json too.
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../../helpers/temp.js';
import { suiteDir } from './harness.js';
import { generatedWebDb } from './web-harness.js';

const dir = suiteDir();
let db = '';

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--if-stale'], { cwd: ROOT });
  db = await generatedWebDb(dir, { rows: 5000, seed: 5, attackRate: 0.08 });
}, 180_000);

function vigil(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: dir }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('vigil train and the rule-hit features (built CLI)', () => {
  it('says the rule-hit features were left out when the labels are the rule hits', async () => {
    const run = await vigil(
      'train',
      '--model',
      'rf',
      '--labels',
      'rule-hits',
      '--split',
      'ip',
      '--trees',
      '20',
      '--db',
      db,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Labels: rule-derived');
    expect(run.stdout).toMatch(
      /\(label leakage\)\. Left out: rule_hits_informational, .*src_window_rule_hit_sessions\./,
    );
  }, 120_000);

  it('--no-rule-features leaves them out and --json says so', async () => {
    const run = await vigil(
      'train',
      '--model',
      'iforest',
      '--no-rule-features',
      '--trees',
      '20',
      '--db',
      db,
      '--json',
    );
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as {
      features: string[];
      params: { ruleHitFeatures?: boolean };
      evaluation: { excludedFeatures: { reason: string; features: string[] } | null };
    };
    expect(json.params.ruleHitFeatures).toBe(false);
    expect(json.features.filter((f) => f.startsWith('rule_hits_'))).toEqual([]);
    expect(json.evaluation.excludedFeatures?.reason).toMatch(/on request/);
    // Without the flag the same data gives the model its rule-hit features.
    const plain = await vigil('train', '--model', 'iforest', '--trees', '20', '--db', db, '--json');
    expect((JSON.parse(plain.stdout) as { features: string[] }).features).toContain('rule_hits_high');
  }, 120_000);
});
