// Builds everything the app runs: main-side bundles (CLI, workers, Electron main/preload) with
// esbuild, and the renderer with Vite. `--if-stale` skips work when dist/ is newer than sources.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const sourceDirs = ['src-main', 'src-renderer', 'src-shared', 'package.json', 'vite.config.ts'];

function newestMtime(target) {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

if (process.argv.includes('--if-stale')) {
  const built = fs.statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const newest = Math.max(...sourceDirs.map((dir) => newestMtime(path.join(root, dir))));
  if (built > newest) process.exit(0);
}

const started = Date.now();
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};
await build({
  ...common,
  format: 'esm',
  outdir: 'dist/main',
  entryPoints: {
    cli: 'src-main/cli/main.ts',
    'import.worker': 'src-main/core/jobs/import.worker.ts',
    'parse.worker': 'src-main/core/ingest/parse.worker.ts',
    'train.worker': 'src-main/core/jobs/train.worker.ts',
    'score.worker': 'src-main/core/jobs/score.worker.ts',
    'rules-run.worker': 'src-main/core/jobs/rules-run.worker.ts',
    'read.worker': 'src-main/core/jobs/read.worker.ts',
    'write.worker': 'src-main/core/jobs/write.worker.ts',
    'electron-main': 'src-main/electron/main.ts',
  },
  external: ['electron'],
});
// A sandboxed preload can load neither ES modules nor local files: one self-contained CommonJS bundle.
await build({
  ...common,
  packages: undefined,
  format: 'cjs',
  outfile: 'dist/main/preload.cjs',
  entryPoints: ['src-main/electron/preload.ts'],
  external: ['electron'],
});
if (fs.existsSync(path.join(root, 'src-renderer', 'index.html'))) {
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
fs.mkdirSync(path.dirname(stamp), { recursive: true });
fs.writeFileSync(stamp, new Date().toISOString());
console.error(`vigil: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
