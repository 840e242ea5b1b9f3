import type { IncomingMessage } from 'node:http';
import os from 'node:os';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARDS = ['0.0.0.0', '::', ''];

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The `host:port` values a browser may legitimately send. Checking Host defeats DNS rebinding: a
 * hostile page whose name resolves to 127.0.0.1 still sends its own name.
 */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (WILDCARDS.includes(bindHost)) {
    for (const addresses of Object.values(os.networkInterfaces()))
      for (const a of addresses ?? []) names.add(a.family === 'IPv6' ? `[${a.address}]` : a.address);
  } else if (!isLoopbackHost(bindHost)) {
    names.add(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
  }
  return new Set([...names].map((name) => `${name}:${port}`.toLowerCase()));
}

export function hostAllowed(req: IncomingMessage, hosts: Set<string>): boolean {
  const host = req.headers.host?.toLowerCase();
  return host !== undefined && hosts.has(host);
}

/**
 * A present Origin must be ours. Browsers send it on every cross-origin request and on same-origin
 * POSTs, so this stops other local pages (another port on 127.0.0.1 is the same *site*, and so
 * receives our SameSite cookie) from driving the API.
 */
export function originAllowed(req: IncomingMessage, hosts: Set<string>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = /^http:\/\/([^/]+)$/i.exec(origin)?.[1];
  return host !== undefined && hosts.has(host.toLowerCase());
}
