import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { formatBytes } from '../../src-shared/format-bytes.js';
import type { FileGrants } from '../core/file-grants.js';
import { ownedName } from '../core/leftovers.js';
import { answerAfterDrain, HttpError } from './body.js';
import { sendAnswer, sendError } from './respond.js';

export const UPLOAD_LIMIT = 20 * 1024 ** 3;

/** A safe base name: no folders, no leading dots, only portable characters, never empty. */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .normalize('NFKC')
    .replace(/[^\w.\- ]+/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(-200);
  return clean === '' ? 'upload' : clean;
}

class TooLarge extends HttpError {
  constructor(limit: number) {
    super(
      413,
      `The file is larger than the upload limit (${formatBytes(limit, { base: 'binary', exact: true })}).`,
    );
  }
}

/**
 * Copies the body to `file`. Not `stream.pipeline`: on error it destroys the request and with it
 * the socket, and then the client never sees why its upload was refused.
 */
function receive(req: IncomingMessage, file: string, limit: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(file, { flags: 'wx' });
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return;
      req.off('data', onData);
      req.unpipe(out);
      out.destroy();
      reject(new TooLarge(limit));
    };
    req.on('data', onData);
    req.on('close', () => {
      if (!req.complete) {
        out.destroy();
        reject(new Error('The upload was interrupted.'));
      }
    });
    out.on('error', reject);
    out.on('finish', resolve);
    req.pipe(out);
  });
}

export interface UploadContext {
  uploadDir: string;
  uploadLimit: number;
  /** Issues the grant the page imports the upload by (the page never learns where it is stored). */
  grants: FileGrants;
}

/**
 * `POST /api/upload?name=FILE`: a browser cannot hand us a file path, so it streams the file here
 * and then imports it by the one-time grant we answer. Each upload gets its own folder so the
 * import keeps the user's file name and two uploads of the same name never overwrite each other.
 */
export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  { uploadDir, uploadLimit: limit, grants }: UploadContext,
): Promise<void> {
  if (req.method !== 'POST') return sendError(res, 405, 'Upload with POST.');
  const name = sanitizeFileName(url.searchParams.get('name') ?? '');
  if (Number(req.headers['content-length'] ?? 0) > limit)
    return answerAfterDrain(req, () => sendError(res, 413, new TooLarge(limit).message));
  const folder = path.join(uploadDir, ownedName(randomBytes(8).toString('hex')));
  const target = path.join(folder, name);
  const partial = `${target}.part`;
  await fs.promises.mkdir(folder, { recursive: true });
  try {
    await receive(req, partial, limit);
    await fs.promises.rename(partial, target);
  } catch (error) {
    await fs.promises.rm(folder, { recursive: true, force: true });
    if (error instanceof HttpError)
      return answerAfterDrain(req, () => sendError(res, error.status, error.message));
    throw error;
  }
  const granted = grants.issue(target);
  sendAnswer(res, 200, { ok: true, value: { grant: granted.id, name: granted.name } });
}
