// Headless Debian Chromium for everything but the Electron window: report PDFs (CLI, serve mode),
// the e2e tests and the benches. Plain JavaScript so bench/*.mjs import it without a build step;
// the TypeScript side reads its types from chromium.d.mts.

/** Never a downloaded browser: the distribution's, unless the analyst names another. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a quiet, reproducible headless run: no sandbox (containers lack the namespaces), no
 * GPU, and none of the background traffic (updates, sync, QUIC probes) an offline tool must not make.
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);

/** The browser to launch: an explicit path (`--chromium`), else VIGIL_CHROMIUM, else Debian's. */
export function chromiumPath(explicit) {
  return explicit || process.env.VIGIL_CHROMIUM || DEFAULT_CHROMIUM;
}

/**
 * WebGL in headless Debian Chromium (150) on these GPU-less machines comes from SwiftShader, a CPU
 * implementation, through ANGLE's Vulkan backend ("ANGLE (Google, Vulkan 1.3.0 (SwiftShader
 * Device (Subzero)), SwiftShader driver)"). Checked by reading back a cleared WebGL 1 and 2
 * context: the base flags alone (even with --disable-gpu) already give it, because Chromium falls
 * back to SwiftShader by itself. That automatic fallback is deprecated upstream, so views that
 * need WebGL (the Sigma graph) ask for it explicitly: --use-angle=swiftshader picks the backend,
 * --enable-unsafe-swiftshader keeps it allowed once the silent fallback is gone. ("unsafe" is
 * Chromium's word for running shaders on the CPU process; acceptable for our own test pages.)
 */
export const WEBGL_ARGS = Object.freeze(['--use-angle=swiftshader', '--enable-unsafe-swiftshader']);
