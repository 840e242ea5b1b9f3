import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker entry that sits next to the calling module: the bundled `.js` in dist/, or,
 * when running from source (tests, development), the `.ts` file loaded through tsx's loader.
 */
export function startWorker(name: string, fromUrl: string, options: WorkerOptions): Worker {
  const js = new URL(`./${name}.js`, fromUrl);
  if (fs.existsSync(fileURLToPath(js))) return new Worker(js, options);
  const ts = new URL(`./${name}.ts`, fromUrl);
  if (!fs.existsSync(fileURLToPath(ts)))
    throw new Error(`Worker ${name} not found next to ${fromUrl}; run npm run build.`);
  // Node 20 does not apply `--import` loaders given in a worker's execArgv, so register tsx first.
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(ts.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
