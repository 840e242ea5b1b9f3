import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh 256-bit secret per run: anyone who can reach the port still needs it. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first hides the length of the candidate as well. */
export function tokensMatch(candidate: string, token: string): boolean {
  const a = createHash('sha256').update(candidate).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/**
 * Cookies are shared by every port of a host, so the name carries the port: two Vigil servers on
 * 127.0.0.1 must not overwrite each other's session.
 */
export function cookieName(port: number): string {
  return `vigil_${port}`;
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** True when the request carries the token in our cookie or as a Bearer header. */
export function isAuthorized(req: IncomingMessage, port: number, token: string): boolean {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ') && tokensMatch(header.slice(7).trim(), token)) return true;
  const cookie = readCookie(req, cookieName(port));
  return cookie !== null && tokensMatch(cookie, token);
}
