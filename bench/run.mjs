// `npm run bench [-- NAME ...] [--rows N]`: runs the named benchmarks (all when none is named).
// Each prints our figure beside a reference measured in the same run, and the ratio.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// `ml` is a group: every bench/ml-*.mjs (each model family adds its own file), also nameable alone.
const mlBenches = fs
  .readdirSync(here)
  .filter((f) => /^ml-.*\.mjs$/.test(f))
  .map((f) => f.slice(0, -4))
  .sort();
// `forest-multiclass` is the threat-type forest's bench by its short name.
const groups = { ml: mlBenches, 'forest-multiclass': ['ml-forest-multiclass'] };
const available = [
  'ingest',
  'weblog',
  'rules',
  'rules-engine',
  'overview',
  'graph',
  'ml',
  'active-learning',
  'main-thread',
  'forest-multiclass',
  'clickhouse',
  'clickhouse-dialect',
  ...mlBenches,
];
const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('--') && available.includes(a));
const unknown = args.filter(
  (a, i) => !a.startsWith('--') && !available.includes(a) && !args[i - 1]?.startsWith('--'),
);
if (unknown.length) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}
const chosen = (
  names.length
    ? names
    : ['ingest', 'weblog', 'rules', 'overview', 'graph', 'ml', 'active-learning', 'main-thread']
).flatMap((n) => groups[n] ?? [n]);
for (const name of new Set(chosen)) {
  const { run } = await import(pathToFileURL(path.join(here, `${name}.mjs`)).href);
  await run(args);
}
