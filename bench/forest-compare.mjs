// What the forest benchmarks share: the forests bundled as the app ships them, data written once
// as raw files both sides read, and one run of each side in its own process (so each peak RSS is
// its own) with its timings and scores.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { readFloat64, writeRaw } from './forest-data.mjs';
import { measure } from './measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
export const out = path.join(here, 'out');

/**
 * The models are not a CLI entry point of their own: bundle them with the same esbuild settings as
 * scripts/build.mjs, so the code measured is the code the app ships. Returns the bundle's path.
 */
export async function bundleForests() {
  fs.mkdirSync(out, { recursive: true });
  const bundle = path.join(out, 'forest.bundle.mjs');
  await build({
    entryPoints: [path.join(root, 'src-main/core/ml/forest/index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile: bundle,
    logLevel: 'warning',
  });
  return bundle;
}

export function writeData(name, { data, labels }, meta) {
  const prefix = path.join(out, `ml-forest-${name}`);
  writeRaw(`${prefix}.f32`, data);
  writeRaw(`${prefix}.labels`, labels);
  fs.writeFileSync(`${prefix}.json`, JSON.stringify(meta));
  return prefix;
}

/** Runs both sides on the same files; `rank` turns a side's scores into what the caller compares. */
export function compare(bundle, task, prefix, rank) {
  const side = (command, args, scoresFile) => {
    const run = measure(command, args);
    return {
      ...run,
      ...JSON.parse(run.stdout.trim().split('\n').pop()),
      ranked: rank(readFloat64(scoresFile)),
    };
  };
  return {
    ours: side(
      process.execPath,
      [path.join(here, 'forest-ours.mjs'), bundle, task, prefix],
      `${prefix}.ours.f64`,
    ),
    sklearn: side(
      '/usr/bin/python3',
      [path.join(here, 'ml_forest_reference.py'), task, prefix],
      `${prefix}.sklearn.f64`,
    ),
  };
}
