import type { ServerResponse } from 'node:http';
import type { Answer } from '../../src-shared/api.js';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp.js';

/**
 * Sent on every response. Log data is hostile: the CSP forbids inline scripts and foreign origins,
 * so even markup that slipped into the page could not run or phone home.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function sendAnswer<T>(res: ServerResponse, status: number, answer: Answer<T>): void {
  const body = JSON.stringify(answer);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

export function sendError(res: ServerResponse, status: number, error: string): void {
  sendAnswer(res, status, { ok: false, error });
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
