import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, WEBGL_ARGS } from '../../src-main/core/reports/chromium.mjs';
import { jitterApiCalls, jitterMs } from './api-jitter.js';

// WEBGL_ARGS (and why SwiftShader) live beside the base flags, so the benches share them too.
export { WEBGL_ARGS };

/**
 * Debian's Chromium, never a downloaded browser. `launch` gives every run a fresh temporary
 * profile, so no cookie or cache survives from an earlier run. VIGIL_E2E_JITTER_MS holds back the
 * pages' API calls at random (api-jitter.ts), to shake out tests that race the app.
 */
export async function launchChromium(options: { webgl?: boolean } = {}): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, ...(options.webgl ? WEBGL_ARGS : [])],
  });
  jitterApiCalls(browser, jitterMs());
  return browser;
}

/** The unmasked WebGL renderer string of a fresh context in the page, or null without WebGL. */
export function webGlRenderer(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  });
}

/**
 * Collects console errors and uncaught exceptions (CSP violations are console errors). A call the
 * server failed (5xx) is also named with the error it answered, since the console only says "500".
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    // A question the page cancelled itself answers 499 (error-status.ts), which Chromium logs too.
    if (message.type() === 'error' && !/status of 499\b/.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() < 500) return;
    const call = new URL(response.url()).pathname;
    response
      .text()
      .then((body) => errors.push(`${call} answered ${response.status()}: ${body}`))
      .catch(() => errors.push(`${call} answered ${response.status()}`));
  });
  return errors;
}
