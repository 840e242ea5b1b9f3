import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { installed } from './installed.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// Inside the repository, so the bundle resolves packages from node_modules as dist/main does.
const cacheDir = path.join(root, 'node_modules', '.cache');
fs.mkdirSync(cacheDir, { recursive: true });
const outDir = fs.mkdtempSync(path.join(cacheDir, 'vigil-nn-bundle-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe('networks in the esbuild bundle, in a worker thread', () => {
  it('find the wasm binaries at run time and train', async () => {
    const outfile = path.join(outDir, 'nn-probe.worker.js');
    // The options of scripts/build.mjs's main-side bundles: packages stay external.
    await build({
      entryPoints: [path.join(root, 'test/unit/nn/fixtures/nn-probe.worker.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      packages: 'external',
      logLevel: 'error',
    });
    expect(fs.readFileSync(outfile, 'utf8')).toContain('@tensorflow/tfjs-backend-wasm');
    const worker = new Worker(outfile, { env: { ...process.env, VIGIL_TF_BACKEND: '' } });
    const result = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`worker exited with ${code} before answering`)));
    });
    await worker.terminate();
    const expected = installed('@tensorflow/tfjs-node') ? 'tensorflow' : 'wasm';
    expect(result).toEqual({ backend: expected, netBackend: expected, scored: 64, epochs: 2 });
  });
});
