// `npm test`: build, lint + format check, type check, Electron security scan, then every Vitest
// suite (unit, integration, e2e in Debian Chromium). Ends with a plain "N passed, N failed" line that CI reads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarise } from './test-summary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (label, command, args) => {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
};

const checks = [
  ['build', process.execPath, [path.join(root, 'scripts', 'build.mjs')]],
  ['lint + format (biome)', bin('biome'), ['check', '.']],
  [
    'type check (tsc, one project per runtime)',
    process.execPath,
    [path.join(root, 'scripts', 'typecheck.mjs')],
  ],
  [
    'Electron security (electronegativity)',
    process.execPath,
    [path.join(root, 'scripts', 'electronegativity.mjs')],
  ],
];
let checkFailures = 0;
for (const [label, command, args] of checks) if (!run(label, command, args)) checkFailures++;

const report = path.join(root, 'test-results', 'vitest.json');
fs.rmSync(report, { force: true });
fs.mkdirSync(path.dirname(report), { recursive: true });
const extra = process.argv.slice(2);
const vitestPassed = run('tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
]);

const results = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : null;
const { passed, failed: failedTests, skipped, notes } = summarise(results, vitestPassed);
for (const note of notes) console.log(note);
const failed = failedTests + checkFailures;
if (checkFailures) console.log(`${checkFailures} check(s) failed before the tests (see above).`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
