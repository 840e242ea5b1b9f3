// `npm run dist`: builds, then the installers for this OS with electron-builder (needs a machine
// where Electron downloads). electron-builder rebuilds better-sqlite3 for Electron in place in
// node_modules; afterwards we rebuild it for Node again, so the CLI, serve mode and tests still run.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (command, args) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

let status = run(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
if (status === 0) {
  const builder = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
  status = run(process.execPath, [builder, '--config', 'electron-builder.yml', ...process.argv.slice(2)]);
  if (run(npm, ['rebuild', 'better-sqlite3']) !== 0)
    console.error('vigil: could not rebuild better-sqlite3 for Node; run `npm rebuild better-sqlite3`.');
}
process.exit(status);
