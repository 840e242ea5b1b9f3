// Type checks each part of Vigil with only the types its runtime has, so the layering DESIGN.md
// describes is a check, not a habit: src-shared sees neither Node nor the DOM, the main side
// (core, CLI, server, Electron main) sees Node and no DOM, the preload sees both, the renderer
// sees the DOM and no Node. tsconfig.json checks the tests, benches and scripts (which use both).
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
const PROJECTS = [
  'tsconfig.shared.json',
  'tsconfig.main.json',
  'tsconfig.preload.json',
  'tsconfig.renderer.json',
  'tsconfig.json',
];

// Two at a time (the machine's cores): each check is single-threaded.
const lanes = Math.max(1, Math.min(2, os.availableParallelism()));
const queue = [...PROJECTS];
let failed = 0;
async function lane() {
  for (let project = queue.shift(); project; project = queue.shift()) {
    const child = spawn(tsc, ['--noEmit', '--pretty', 'false', '-p', project], {
      cwd: root,
      stdio: 'inherit',
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    if (code !== 0) {
      console.error(`typecheck: ${project} failed`);
      failed++;
    }
  }
}
await Promise.all(Array.from({ length: lanes }, lane));
process.exit(failed ? 1 : 0);
