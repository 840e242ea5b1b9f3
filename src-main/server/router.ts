import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VigilService } from '../../src-shared/api.js';
import type { FileGrants } from '../core/file-grants.js';
import { handleApiCall } from './api.js';
import { type BrowserSessions, sessionCookie, tokensMatch } from './auth.js';
import { answerAfterDrain, HttpError } from './body.js';
import { handleFileDownload, handlePrepareDownload } from './download.js';
import type { DownloadStore } from './download-store.js';
import type { EventStreams } from './events.js';
import { hostAllowed, originAllowed } from './origin-check.js';
import { SECURITY_HEADERS, sendError, sendText } from './respond.js';
import { serveStatic } from './static-files.js';
import { armDeadline, liftDeadline } from './stranger-deadline.js';
import { handleUpload } from './upload.js';

export interface RouteContext {
  service: VigilService;
  events: EventStreams;
  /** The printed link's token: it opens one browser session, then nothing. */
  token: string;
  /** Set once the printed link has been traded for a session. */
  linkUsed: boolean;
  sessions: BrowserSessions;
  port: number;
  hosts: Set<string>;
  rendererDir: string;
  uploadDir: string;
  uploadLimit: number;
  grants: FileGrants;
  /** Exports waiting for their one browser download. */
  downloads: DownloadStore;
  /** A request that is not signed in must be read within this time (see index.ts). */
  strangerTimeoutMs: number;
}

/** Refuses a request in the format its caller reads: JSON for the API, text for pages. */
function refuse(req: IncomingMessage, res: ServerResponse, url: URL, status: number, message: string): void {
  answerAfterDrain(req, () =>
    url.pathname.startsWith('/api/') ? sendError(res, status, message) : sendText(res, status, message),
  );
}

/**
 * `/?token=…` opens a browser session (a cookie holding a fresh random id, never the token) and
 * redirects, so the token leaves the address bar. The link works once: a token that leaked
 * afterwards (browser history, a screenshot, a proxy log) opens nothing. The browser that used it
 * keeps its session, so opening the link there again is fine.
 */
function exchangeToken(ctx: RouteContext, req: IncomingMessage, res: ServerResponse, url: URL) {
  if (!tokensMatch(url.searchParams.get('token') ?? '', ctx.token))
    return refuse(
      req,
      res,
      url,
      401,
      'This link is not valid (was Vigil restarted?). Open the link it printed.',
    );
  const signedIn = ctx.sessions.has(req, ctx.port);
  if (ctx.linkUsed && !signedIn)
    return refuse(
      req,
      res,
      url,
      401,
      'This link was already used by another browser. Restart `vigil serve` for a new link.',
    );
  ctx.linkUsed = true;
  res.writeHead(303, {
    ...SECURITY_HEADERS,
    ...(signedIn ? {} : { 'Set-Cookie': sessionCookie(ctx.port, ctx.sessions.open()) }),
    Location: '/',
    'Cache-Control': 'no-store',
  });
  res.end();
}

async function route(ctx: RouteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://vigil.invalid');
  if (!hostAllowed(req, ctx.hosts)) return refuse(req, res, url, 403, 'Unexpected Host header.');
  if (!originAllowed(req, ctx.hosts)) return refuse(req, res, url, 403, 'Cross-origin requests are refused.');
  if (url.pathname === '/' && req.method === 'GET' && url.searchParams.has('token'))
    return exchangeToken(ctx, req, res, url);
  if (!ctx.sessions.has(req, ctx.port)) {
    // A kept-alive connection that was signed in before must still finish this refusal in time.
    armDeadline(req.socket, ctx.strangerTimeoutMs);
    return refuse(
      req,
      res,
      url,
      401,
      'Not signed in: open the link that `vigil serve` printed (it holds the token).',
    );
  }
  // Signed in: an upload of a multi-GiB log may take many minutes.
  liftDeadline(req.socket);
  if (url.pathname === '/api/events') {
    if (req.method !== 'GET') return refuse(req, res, url, 405, 'Subscribe to events with GET.');
    return ctx.events.open(res);
  }
  if (url.pathname === '/api/upload') return handleUpload(req, res, url, ctx);
  if (url.pathname === '/api/download') return handlePrepareDownload(ctx.service, ctx.downloads, req, res);
  if (url.pathname.startsWith('/download/'))
    return handleFileDownload(ctx.downloads, url.pathname.slice('/download/'.length), req, res);
  if (url.pathname.startsWith('/api/')) return handleApiCall(ctx.service, url.pathname.slice(5), req, res);
  return serveStatic(ctx.rendererDir, url.pathname, req, res);
}

export function createHandler(ctx: RouteContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    route(ctx, req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return void res.destroy();
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      answerAfterDrain(req, () => sendError(res, status, message));
    });
  };
}
