#!/usr/bin/env node
// The `vigil` command. The CLI is bundled by `npm run build`; point at it or say how to build it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error('vigil: not built yet. Run `npm run build` in the Vigil folder first.');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
