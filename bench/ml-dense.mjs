// Dense network epoch time on the wasm backend vs tfjs's plain-JS cpu backend, same rows, same
// seed, same run (target: wasm ≥ 3× faster). A tfjs backend is global to a process, so each
// backend trains in its own child process (dense-epochs.mjs).
// Options: --nn-rows N (default 100 000), --nn-features N (20), --nn-epochs N (4), --seed N.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { measure, option } from './measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const out = path.join(here, 'out', 'nn-bundle');

export async function run(args) {
  const rows = Number(option(args, 'nn-rows', '100000'));
  const features = Number(option(args, 'nn-features', '20'));
  const epochs = Number(option(args, 'nn-epochs', '4'));
  const seed = Number(option(args, 'seed', '7'));
  fs.mkdirSync(out, { recursive: true });
  // Bundled like scripts/build.mjs bundles the app (packages external, so the wasm binaries are
  // found in node_modules at run time): the code measured is the code that ships.
  await build({
    entryPoints: {
      nn: path.join(root, 'src-main/core/ml/nn/index.ts'),
      random: path.join(root, 'src-main/core/ml/forest/random.ts'),
    },
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  const results = {};
  for (const backend of ['wasm', 'cpu']) {
    const child = measure(
      process.execPath,
      [
        path.join(here, 'dense-epochs.mjs'),
        out,
        String(rows),
        String(features),
        String(epochs),
        String(seed),
      ],
      { VIGIL_TF_BACKEND: backend },
    );
    results[backend] = { ...JSON.parse(child.stdout.trim().split('\n').pop()), peakRssMb: child.peakRssMb };
  }
  const { wasm, cpu } = results;
  console.log(
    `\ndense network: ${rows.toLocaleString('en-US')} rows × ${features} features, hidden [${wasm.hidden}], batch ${wasm.batchSize}, ${epochs} epochs`,
  );
  console.log('  (medians over epochs 2…N; the first also compiles wasm and warms the JIT)');
  console.log('          wall s/epoch   CPU s/epoch   wall s per epoch            final loss   peak RSS');
  for (const [name, r] of Object.entries(results)) {
    const perEpoch = r.epochSeconds.map((s) => s.toFixed(2)).join(', ');
    console.log(
      `  ${name.padEnd(6)} ${r.medianEpochSeconds.toFixed(2).padStart(12)} ${r.medianEpochCpuSeconds.toFixed(2).padStart(13)}   ${perEpoch.padEnd(26)} ${r.loss.at(-1).toFixed(4).padStart(10)} ${r.peakRssMb.toFixed(0).padStart(7)} MB`,
    );
  }
  const ratio = (key) => (cpu[key] / wasm[key]).toFixed(2);
  console.log(
    `  ratio (cpu / wasm epoch time): wall ${ratio('medianEpochSeconds')}×, CPU ${ratio('medianEpochCpuSeconds')}×   target ≥ 3`,
  );
}
