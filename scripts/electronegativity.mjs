// Runs @doyensec/electronegativity on the built Electron main and preload (dist/main), and fails on
// any finding above LOW that electronegativity-allowlist.json does not explain. Its own CLI is
// broken with the commander we ship and it exits 0 even with findings, so we call it as a library
// and judge the findings ourselves. It never reaches the network (see `offline` below).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const LOW = 1;
const BUILT = ['electron-main.js', 'preload.cjs'];

const missing = BUILT.filter((file) => !fs.existsSync(path.join(root, 'dist', 'main', file)));
if (missing.length > 0) {
  console.error(`electronegativity: ${missing.join(', ')} not built; run npm run build first.`);
  process.exit(1);
}

// Only the shell and the page, with a package.json naming our Electron version: the CLI and worker
// bundles never run in Electron's renderer-facing side and would only add noise.
const input = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-electronegativity-'));
const electronVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;
for (const file of BUILT) fs.copyFileSync(path.join(root, 'dist', 'main', file), path.join(input, file));
const page = path.join(root, 'dist', 'renderer', 'index.html');
if (fs.existsSync(page)) fs.copyFileSync(page, path.join(input, 'index.html'));
fs.writeFileSync(
  path.join(input, 'package.json'),
  JSON.stringify({ name: 'vigil', devDependencies: { electron: electronVersion } }),
);

// `npm test` makes no network request. Electronegativity fetches, with `got`, updated translations
// of its messages (its bundled en-US ones are what we print) and Electron's release list for its
// "available security fixes" check (which releases fix what is npm audit's and Dependabot's job, not
// a lint's, and the answer would change under a fixed commit). So that check is left out, and the
// `got` it loads answers "offline" at once without touching the network.
const offline = () => Promise.reject(new Error('offline by design: npm test makes no network request'));
offline.head = offline;
const gotPath = createRequire(require.resolve('@doyensec/electronegativity/dist/locales/i18n.js')).resolve(
  'got',
);
require.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: { __esModule: true, default: offline },
};
const NEEDS_NETWORK = ['AvailableSecurityFixesGlobalCheck'];

const run = require('@doyensec/electronegativity');
let result;
try {
  result = await run({
    input,
    isRelative: true,
    electronVersionOverride: electronVersion,
    excludeFromScan: NEEDS_NETWORK,
  });
} finally {
  fs.rmSync(input, { recursive: true, force: true });
}

const { allow } = JSON.parse(fs.readFileSync(path.join(root, 'electronegativity-allowlist.json'), 'utf8'));
const explained = (issue) => allow.some((entry) => entry.check === issue.id && entry.file === issue.file);
const serious = result.issues.filter((issue) => issue.severity.value > LOW);
const unexplained = serious.filter((issue) => !explained(issue));
const stale = allow.filter(
  (entry) => !serious.some((issue) => issue.id === entry.check && issue.file === entry.file),
);

for (const issue of result.issues) {
  const mark = issue.severity.value <= LOW ? 'ok (low)' : explained(issue) ? 'allowed' : 'FAIL';
  console.log(
    `  ${mark.padEnd(8)} ${issue.id} ${issue.severity.name}/${issue.confidence.name} ${issue.file}:${issue.location.line}`,
  );
}
for (const error of result.errors) console.log(`  parse error in ${error.file}: ${error.message}`);
for (const entry of stale)
  console.log(`  STALE    allowlist entry ${entry.check} ${entry.file} matches no finding`);
console.log(
  `electronegativity: ${result.globalChecks + result.atomicChecks} checks, ${result.issues.length} findings, ` +
    `${serious.length} above LOW, ${unexplained.length} unexplained, ${stale.length} stale allowlist entries`,
);
process.exit(unexplained.length === 0 && stale.length === 0 && result.errors.length === 0 ? 0 : 1);
