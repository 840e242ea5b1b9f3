// Exports for a browser, which cannot name a path on this machine. `POST /api/download` renders the
// export into the download store and answers a one-time address; `GET /download/<id>` sends the
// file as an attachment and deletes it. Two steps so a failed export shows as a message in the
// view, and a big export streams into the browser's downloads instead of through page memory.
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { VigilService } from '../../src-shared/api.js';
import {
  ExportTarget,
  exportFileName,
  type PreparedDownload,
  type ReportFormat,
} from '../../src-shared/reports.js';
import { readJsonBody } from './body.js';
import type { DownloadStore } from './download-store.js';
import { SECURITY_HEADERS, sendAnswer, sendError, sendText } from './respond.js';

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  stix: 'application/json; charset=utf-8',
};

/** Only letters, digits, dot, dash and underscore reach the header: no quote, no path, no CR/LF. */
export function safeFileName(name: string): string {
  const safe = name.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '');
  return safe.slice(0, 120) || 'export';
}

export async function handlePrepareDownload(
  service: VigilService,
  store: DownloadStore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST') return sendError(res, 405, 'Ask for a download with POST.');
  // Same rule as the API: a JSON body cannot come cross-origin without a preflight we never grant.
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    return sendError(res, 415, 'Send the arguments as application/json.');
  const parsed = ExportTarget.safeParse(await readJsonBody(req));
  if (!parsed.success) return sendError(res, 400, `Invalid download: ${z.prettifyError(parsed.error)}`);
  const name = safeFileName(exportFileName(parsed.data));
  const file = store.newFile(name);
  try {
    const { path: _written, ...result } = await service.exportReport({ ...parsed.data, path: file });
    const id = store.offer({ file, name, contentType: CONTENT_TYPES[parsed.data.format] });
    const value: PreparedDownload = { ...result, name, url: `/download/${id}` };
    sendAnswer(res, 200, { ok: true, value });
  } catch (error) {
    await store.remove(file);
    sendError(res, 500, error instanceof Error ? error.message : String(error));
  }
}

export async function handleFileDownload(
  store: DownloadStore,
  id: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET') return sendText(res, 405, 'Fetch a download with GET.');
  const download = store.take(id);
  if (!download)
    return sendText(res, 404, 'No such download: each one can be fetched once, within 10 minutes.');
  // Whatever happens to the transfer, the file goes with the response.
  res.once('close', () => void store.remove(download.file));
  const size = (await fs.promises.stat(download.file)).size;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': download.contentType,
    'Content-Length': size,
    'Content-Disposition': `attachment; filename="${download.name}"`,
    'Cache-Control': 'no-store',
  });
  fs.createReadStream(download.file)
    .on('error', () => res.destroy())
    .pipe(res);
}
