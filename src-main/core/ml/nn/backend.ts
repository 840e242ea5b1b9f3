// Chooses the tfjs backend once per thread: tfjs-node (native TensorFlow, an optional dependency
// that is absent where its binaries cannot be downloaded), else WebAssembly, else plain JS (cpu).
// tfjs is loaded lazily with `require` so commands that never train do not pay for it, and so the
// wasm backend and tfjs-node register into the very same CommonJS tfjs-core instance we use.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BackendName } from './types.js';

export type Tf = typeof import('@tensorflow/tfjs');

const require = createRequire(import.meta.url);
const BACKENDS: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

export interface TfRuntime {
  tf: Tf;
  backend: BackendName;
  /** Why each better backend was passed over, for logs and bug reports. */
  skipped: string[];
}

let runtime: Promise<TfRuntime> | undefined;

/** tfjs with its backend chosen. `VIGIL_TF_BACKEND=tensorflow|wasm|cpu` forces one (tests, bench). */
export function loadTf(): Promise<TfRuntime> {
  // Through a promise, so a bad VIGIL_TF_BACKEND rejects like any other failure to start.
  runtime ??= Promise.resolve().then(() => chooseBackend(forcedBackend()));
  return runtime;
}

export async function activeBackend(): Promise<BackendName> {
  return (await loadTf()).backend;
}

function forcedBackend(): BackendName | undefined {
  const value = process.env.VIGIL_TF_BACKEND?.trim();
  if (!value) return undefined;
  if (!(BACKENDS as readonly string[]).includes(value)) {
    throw new Error(`VIGIL_TF_BACKEND must be one of ${BACKENDS.join(', ')} (got "${value}")`);
  }
  return value as BackendName;
}

async function chooseBackend(forced: BackendName | undefined): Promise<TfRuntime> {
  const tf = require('@tensorflow/tfjs') as Tf;
  // Production mode silences tfjs's console banners ("install our node backend") in CLI output.
  tf.env().set('PROD', true);
  const skipped: string[] = [];
  for (const backend of forced ? [forced] : BACKENDS) {
    try {
      await prepare(tf, backend);
      if (await tf.setBackend(backend)) {
        await tf.ready();
        return { tf, backend, skipped };
      }
      skipped.push(`${backend}: failed to initialise`);
    } catch (error) {
      skipped.push(`${backend}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`No tfjs backend could start (${skipped.join('; ')})`);
}

/** Loads and configures the package that registers a backend. */
async function prepare(tf: Tf, backend: BackendName): Promise<void> {
  if (backend === 'tensorflow') {
    // Optional dependency: on machines where it did not install, require throws and we move on.
    // It registers its backend into the tfjs it depends on, which npm dedupes to ours while the
    // versions match; if they ever diverge, setBackend fails below and wasm takes over.
    require('@tensorflow/tfjs-node');
  } else if (backend === 'wasm') {
    const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
    // One thread: the threaded build needs a browser-style worker pool; we parallelise with our
    // own worker_threads instead. SIMD is in every Node and Electron we support.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    tf.env().set('WASM_HAS_SIMD_SUPPORT', true);
    wasm.setWasmPaths(wasmDirectory());
  }
}

/**
 * The .wasm files sit beside the package's main script in node_modules; the esbuild bundle keeps
 * packages external, so this resolves the same way from src-main/ and from dist/. A packaged
 * Electron app should unpack them from the asar archive (electron-builder `asarUnpack`): prefer
 * that real directory when it exists.
 */
function wasmDirectory(): string {
  const dir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  const unpacked = dir.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
  return (unpacked !== dir && fs.existsSync(unpacked) ? unpacked : dir) + path.sep;
}
