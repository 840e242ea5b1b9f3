import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh 256-bit secret: the one-time link's token, and each browser session's id. */
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
 * Cookies are shared by every port of a host (a browser keeps one jar per host name), so the name
 * carries the port: two Vigil servers on 127.0.0.1 must not overwrite each other's session.
 */
export function cookieName(port: number): string {
  return `vigil_${port}`;
}

export function sessionCookie(port: number, sessionId: string): string {
  return `${cookieName(port)}=${sessionId}; HttpOnly; SameSite=Strict; Path=/`;
}

function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * The browser sessions the link opened. A session id is a secret of its own, never the link's
 * token: once the link has been used, a token copied from history, a screenshot or a proxy log
 * opens nothing, whether it comes in the URL, a header or a cookie.
 */
export class BrowserSessions {
  private readonly ids: string[] = [];

  /** A new session for the browser that just used the link; returns its id for the cookie. */
  open(): string {
    const id = newToken();
    this.ids.push(id);
    return id;
  }

  /** True when the request carries one of our session ids in this server's cookie. */
  has(req: IncomingMessage, port: number): boolean {
    const cookie = readCookie(req, cookieName(port));
    // Every id is compared, so the time taken does not tell which one nearly matched.
    return cookie !== null && this.ids.map((id) => tokensMatch(cookie, id)).includes(true);
  }
}
