// After `npm install`: fetch the Electron runtime and build SQLite's native module for it, where
// the network allows. Offline machines (CI, air-gapped labs) skip both with one line, and
// `npm start` then opens Vigil in the browser (serve mode). Never fails the install.
// Not `electron-builder install-app-deps`: it rebuilds node_modules/better-sqlite3 in place for
// Electron's ABI, which breaks the CLI, serve mode and the tests under plain Node. The Electron
// build goes beside it instead, and `npm run dist` rebuilds native modules for the installer.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronNativeBinding } from './electron-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const say = (message) => console.log(`vigil: ${message}`);

function electronPackage() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null; // production install without devDependencies
  }
}

function downloadElectron(dir) {
  if (fs.existsSync(path.join(dir, 'path.txt'))) return true;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return false;
  // npm's allowScripts keeps Electron's own install script from failing the install offline; run it here, guarded.
  const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
    stdio: 'ignore',
    timeout: 300_000,
  });
  return result.status === 0 && fs.existsSync(path.join(dir, 'path.txt'));
}

function buildSqliteForElectron(version) {
  const target = electronNativeBinding(root, version);
  if (fs.existsSync(target)) return true;
  const gyp = process.env.npm_config_node_gyp;
  if (!gyp) return false;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-native-'));
  try {
    fs.cpSync(path.dirname(require.resolve('better-sqlite3/package.json')), work, { recursive: true });
    fs.rmSync(path.join(work, 'build'), { recursive: true, force: true });
    execFileSync(
      process.execPath,
      [
        gyp,
        'rebuild',
        '--release',
        `--target=${version}`,
        `--arch=${process.arch}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      {
        cwd: work,
        stdio: 'ignore',
        timeout: 600_000,
      },
    );
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), target);
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const dir = electronPackage();
if (!dir) process.exit(0);
if (!downloadElectron(dir)) {
  say(
    'the Electron runtime was not downloaded (offline or skipped); `npm start` will open Vigil in your browser instead.',
  );
  process.exit(0);
}
const version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
if (buildSqliteForElectron(version)) say(`Electron ${version} is ready.`);
else say('could not build SQLite for Electron here; `npm start` will open Vigil in your browser instead.');
