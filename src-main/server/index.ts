// Serve mode: the operations offered to the served page over HTTP + server-sent events for a
// browser, next to the renderer build.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { removeLeftovers } from '../core/leftovers.js';
import type { Core } from '../core/service.js';
import { BrowserSessions, newToken } from './auth.js';
import { DownloadStore } from './download-store.js';
import { EventStreams } from './events.js';
import { allowedHosts, isLoopbackHost } from './origin-check.js';
import { createHandler, type RouteContext } from './router.js';
import { armDeadline, STRANGER_DEADLINE_MS } from './stranger-deadline.js';
import { UPLOAD_LIMIT } from './upload.js';
import { deleteUnimportedUploads, deleteUploadsAfterImport } from './upload-cleanup.js';

export interface ServerOptions {
  core: Pick<Core, 'service' | 'events' | 'db' | 'fileGrants'>;
  host?: string;
  port?: number;
  /** The production renderer build (dist/renderer). */
  rendererDir: string;
  /** Where browser uploads go; defaults to `uploads/` beside the database. */
  uploadDir?: string;
  uploadLimit?: number;
  /** Where exports wait for their browser download; defaults to `downloads/` beside the database. */
  downloadDir?: string;
  keepAliveMs?: number;
  /** How long a connection may take to send a signed-in request before it is closed. */
  strangerTimeoutMs?: number;
}

export interface RunningServer {
  /** The page to open; its token opens one browser session (a cookie of its own), then nothing. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function urlHost(bindHost: string): string {
  if (isLoopbackHost(bindHost) || ['0.0.0.0', '::', ''].includes(bindHost)) return '127.0.0.1';
  return bindHost.includes(':') ? `[${bindHost}]` : bindHost;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  // `localhost` may resolve to ::1 first; bind the address the printed URL names.
  const host = options.host === undefined || options.host === 'localhost' ? '127.0.0.1' : options.host;
  const token = newToken();
  const events = new EventStreams(options.core.events, options.keepAliveMs ?? 15_000);
  const uploadDir = options.uploadDir ?? path.join(path.dirname(options.core.db.name), 'uploads');
  // Uploads of a server that crashed, or that were never imported: nothing will read them again.
  removeLeftovers(uploadDir);
  const stopCleanup = deleteUploadsAfterImport(options.core.events, uploadDir);
  const downloads = new DownloadStore(
    options.downloadDir ?? path.join(path.dirname(options.core.db.name), 'downloads'),
  );
  const ctx: RouteContext = {
    service: options.core.service,
    events,
    token,
    linkUsed: false,
    sessions: new BrowserSessions(),
    port: 0,
    hosts: new Set<string>(),
    rendererDir: options.rendererDir,
    uploadDir,
    uploadLimit: options.uploadLimit ?? UPLOAD_LIMIT,
    grants: options.core.fileGrants,
    downloads,
    strangerTimeoutMs: options.strangerTimeoutMs ?? STRANGER_DEADLINE_MS,
  };
  // No request timeout: a signed-in upload of a multi-GiB log legitimately takes minutes. Strangers
  // get a deadline per connection instead (stranger-deadline.ts).
  const server = http.createServer({ requestTimeout: 0, headersTimeout: 30_000 }, createHandler(ctx));
  server.on('connection', (socket) => armDeadline(socket, ctx.strangerTimeoutMs));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  ctx.port = (server.address() as AddressInfo).port;
  ctx.hosts = allowedHosts(host, ctx.port);
  return {
    url: `http://${urlHost(host)}:${ctx.port}/?token=${token}`,
    token,
    port: ctx.port,
    close: async () => {
      stopCleanup();
      downloads.close();
      events.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // Uploads whose import never started: nothing will ask for them again.
      await deleteUnimportedUploads(options.core.fileGrants, uploadDir);
    },
  };
}
