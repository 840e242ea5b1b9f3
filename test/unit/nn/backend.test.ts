import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { activeBackend } from '../../../src-main/core/ml/nn/index.js';
import { installed } from './installed.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** activeBackend() in a fresh process (tfjs backends are process-global). */
function backendInChild(env: Record<string, string>) {
  const script = `import('./src-main/core/ml/nn/index.ts').then(async (nn) => console.log('backend=' + (await nn.activeBackend())))`;
  return spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

describe('activeBackend', () => {
  it('takes tfjs-node when it is installed, else falls back to wasm', async () => {
    // tfjs-node cannot install on this build machine, so here the fallback must land on wasm.
    const expected = installed('@tensorflow/tfjs-node') ? 'tensorflow' : 'wasm';
    if (process.env.VIGIL_TF_BACKEND) expect.fail('unset VIGIL_TF_BACKEND to test the fallback');
    expect(await activeBackend()).toBe(expected);
  });

  it('can be forced to cpu by VIGIL_TF_BACKEND', () => {
    const child = backendInChild({ VIGIL_TF_BACKEND: 'cpu' });
    expect(child.stdout).toContain('backend=cpu');
  });

  it('refuses an unknown forced backend', () => {
    const child = backendInChild({ VIGIL_TF_BACKEND: 'gpu' });
    expect(child.status).not.toBe(0);
    expect(child.stderr).toMatch(/VIGIL_TF_BACKEND must be one of tensorflow, wasm, cpu/);
  });

  // Visibly skipped (not silently passed) on a machine where tfjs-node did install.
  it.skipIf(installed('@tensorflow/tfjs-node'))('fails clearly when a forced backend cannot load', () => {
    const child = backendInChild({ VIGIL_TF_BACKEND: 'tensorflow' });
    expect(child.status).not.toBe(0);
    expect(child.stderr).toMatch(/No tfjs backend could start \(tensorflow:/);
  });
});
