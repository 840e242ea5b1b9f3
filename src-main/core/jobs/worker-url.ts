import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';

/**
 * Locates a worker entry next to the calling module: the bundled `.js` in dist/, or the `.ts`
 * source (loaded through tsx) when running from source in tests and development.
 */
export function workerEntry(name: string, fromUrl: string): { url: URL; options: WorkerOptions } {
  const js = new URL(`./${name}.js`, fromUrl);
  if (fs.existsSync(fileURLToPath(js))) return { url: js, options: {} };
  const ts = new URL(`./${name}.ts`, fromUrl);
  if (fs.existsSync(fileURLToPath(ts))) return { url: ts, options: { execArgv: ['--import', 'tsx'] } };
  throw new Error(`Worker ${name} not found next to ${fromUrl}; run npm run build.`);
}
