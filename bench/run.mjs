// `npm run bench [-- NAME ...] [--rows N]`: runs the named benchmarks (all when none is named).
// Each prints our figure beside a reference measured in the same run, and the ratio.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = ['ingest'];
const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('--') && available.includes(a));
const unknown = args.filter(
  (a, i) => !a.startsWith('--') && !available.includes(a) && !args[i - 1]?.startsWith('--'),
);
if (unknown.length) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}
for (const name of names.length ? names : available) {
  const { run } = await import(pathToFileURL(path.join(here, `${name}.mjs`)).href);
  await run(args);
}
