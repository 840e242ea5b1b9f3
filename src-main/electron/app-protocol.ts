// The renderer is served from a private `vigil://app/` scheme rather than file://: the page gets an
// origin of its own (no reach into other local files) and real response headers, so the CSP is a
// header and not a <meta> tag the page could be loaded without.
import fs from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { SECURITY_HEADERS } from '../server/respond.js';
import { contentTypeOf, resolveInside } from '../server/static-files.js';

export const APP_SCHEME = 'vigil';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready: `standard` gives the scheme origins, `secure` lets ES modules load. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * True for pages of our own renderer build, whatever their path or hash. Not `URL.origin`: Node's
 * URL gives every non-special scheme the opaque origin "null", whatever Chromium thinks of it.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'app';
  } catch {
    return false;
  }
}

/** Answers `vigil://app/<path>` from the renderer build, with the security headers on every file. */
export function rendererFiles(rendererDir: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rendererDir);
  return async (request) => {
    if (!isAppUrl(request.url)) return plain(404, 'Not found.');
    const url = new URL(request.url);
    const file = resolveInside(root, url.pathname === '/' ? '/index.html' : url.pathname);
    const body = file ? await fs.promises.readFile(file).catch(() => null) : null;
    if (!file || !body) return plain(404, 'Not found.');
    return new Response(new Uint8Array(body), { status: 200, headers: headers(contentTypeOf(file)) });
  };
}

/** The same headers serve mode sends: CSP (no eval, no inline script), nosniff, no framing. */
function headers(contentType: string): Record<string, string> {
  return { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-cache' };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
}

export function installAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, rendererFiles(rendererDir));
}
