import type { ServerResponse } from 'node:http';
import { type Answer, failureAnswer } from '../../src-shared/api.js';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp.js';
import type { Refusal } from '../../src-shared/refusal.js';

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

/** A failure's envelope: the message, and the refusal's kind when it is one (src-shared/refusal.ts). */
export function sendError(
  res: ServerResponse,
  status: number,
  error: string,
  refusal: Refusal | null = null,
): void {
  sendAnswer(res, status, failureAnswer(error, refusal));
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
