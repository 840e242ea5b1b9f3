import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where Vigil keeps its data: the same folder Electron's `app.getPath('userData')` uses for an
 * app named Vigil, so the desktop app, the CLI and serve mode share one database by default.
 * VIGIL_HOME overrides it.
 */
export function defaultDataDir(): string {
  if (process.env.VIGIL_HOME) return path.resolve(process.env.VIGIL_HOME);
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Vigil');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Vigil');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Vigil');
}

export function defaultDbPath(): string {
  return path.join(defaultDataDir(), 'vigil.db');
}

/** The project root (two levels above the bundle in dist/main, or above src-main/core in source). */
export function appRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (path.basename(dir) === 'dist' || path.basename(dir) === 'src-main') return path.dirname(dir);
    dir = path.dirname(dir);
  }
  return process.cwd();
}

/**
 * The bundled `resources/` folder (samples, data files). In the packaged desktop app
 * electron-builder puts it beside app.asar (`extraResources`), outside the archive.
 */
export function resourcesDir(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  const beside = packaged ? path.join(packaged, 'resources') : null;
  return beside && fs.existsSync(beside) ? beside : path.join(appRoot(), 'resources');
}

export function sampleFile(): string {
  return path.join(resourcesDir(), 'samples', 'CloudWatch_Traffic_Web_Attack.csv');
}
