// Electron's entry point (bundled as dist/main/electron-main.js, next to preload.cjs and the
// worker bundles). Everything it does is in desktop.ts, which the tests drive with a fake electron.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { announceMigrationsTo } from '../core/db/migrate.js';
import { launch } from './desktop.js';

// A slow upgrade of an existing database is at least in the app's log.
announceMigrationsTo((notice) => console.log(`Vigil: ${notice}`));
void launch({ bundleDir: path.dirname(fileURLToPath(import.meta.url)) });
