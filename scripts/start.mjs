// `npm start`: the desktop app when the Electron runtime is installed, else the same UI in serve
// mode (Electron's binary download is often skipped or impossible offline). Never a stack trace.
// When whoever started it goes away, it stops: npm passes a SIGTERM only to the shell it ran the
// script in, which dies without passing it on, and the server kept running, holding its port and
// database.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronNativeBinding } from './electron-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Electron executable, or the reason it cannot run. */
function findElectron() {
  let executable;
  try {
    // The `electron` package exports the binary's path, and throws when the download never happened.
    executable = createRequire(path.join(root, 'package.json'))('electron');
  } catch {
    return { reason: 'Electron runtime not installed (its download was skipped or is offline)' };
  }
  if (typeof executable !== 'string' || !fs.existsSync(executable))
    return { reason: 'Electron runtime not installed (its download was skipped or is offline)' };
  if (!fs.existsSync(path.join(root, 'dist', 'main', 'electron-main.js')))
    return { reason: 'the desktop shell is not built (dist/main/electron-main.js is missing)' };
  const version = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ).version;
  if (!fs.existsSync(electronNativeBinding(root, version)))
    return { reason: 'SQLite is not yet built for Electron (run npm install while online)' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { reason: 'no graphical display is available' };
  return { executable };
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  // Ctrl+C reaches the child through the terminal; a SIGTERM sent to us alone is passed on.
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', () => {});
  process.on('SIGTERM', forward);
  child.on('error', (error) => {
    console.error(`vigil: could not start ${path.basename(command)}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  // Orphaned (our parent died, and we were handed to init or a subreaper): stop as if told to.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) forward('SIGTERM');
  }, 500).unref();
}

const electron = findElectron();
if (electron.executable) {
  // Launch the project folder, not the bundle: Electron then reads package.json for the app name,
  // which decides the user-data folder the CLI and serve mode share.
  run(electron.executable, [root]);
} else {
  console.log(`${electron.reason}; opening Vigil in serve mode instead.`);
  run(process.execPath, [path.join(root, 'bin', 'vigil.js'), 'serve', ...process.argv.slice(2)]);
}
