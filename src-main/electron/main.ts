// Electron's entry point (bundled as dist/main/electron-main.js, next to preload.cjs and the
// worker bundles). Everything it does is in desktop.ts, which the tests drive with a fake electron.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './desktop.js';

void launch({ bundleDir: path.dirname(fileURLToPath(import.meta.url)) });
