import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ImportRecord, MappingPreset, FormatId } from '../../../src-shared/domain.js';
import { finishImport, findDoneBySignature, getImport, insertImport } from '../db/imports.js';
import type { Db } from '../db/open.js';
import { createGeoIp } from '../enrich/geoip.js';
import { BatchWriter } from './batch-writer.js';
import { detectFormat, formatById } from './formats/index.js';
import { rollBackImport } from './rollback.js';
import { inspectSource, readHead, readSource, sha256File } from './source.js';

export interface ImportRequest {
  file: string;
  format?: FormatId;
  preset?: MappingPreset;
  /** Look up country/ASN where the log lacks them (default on). */
  enrich?: boolean;
  /** Where derived lookup tables may be cached (next to the database). */
  cacheDir?: string | null;
}

export interface ImportProgress {
  importId: number;
  record: ImportRecord;
  sizeBytes: number;
}

export interface ImportHooks {
  signal?: AbortSignal;
  onStart?: (importId: number) => void;
  onProgress?: (progress: ImportProgress) => void;
  progressIntervalMs?: number;
}

export class ImportCancelled extends Error {
  constructor() {
    super('Import cancelled; nothing from it was kept.');
  }
}

/**
 * Streams one file into the database: read → gunzip → decode → parse → validate → normalize →
 * enrich → batch insert. Every record read ends up stored, quarantined or counted as duplicate.
 * On cancel or failure everything the import stored is rolled back.
 */
export async function runImport(db: Db, request: ImportRequest, hooks: ImportHooks = {}): Promise<ImportRecord> {
  const file = path.resolve(request.file);
  const fileName = path.basename(file);
  const info = inspectSource(file);
  const head = await readHead(file, info.gzip);
  const format = request.format ? formatById(request.format) : request.preset ? formatById(request.preset.format) : detectFormat(head, fileName);
  const base = { file, fileName, format: format.id, preset: request.preset?.name ?? null, sizeBytes: info.sizeBytes, quickHash: info.quickHash };

  const earlier = await findSameContent(db, file, info);
  if (earlier) {
    const id = insertImport(db, { ...base, status: 'skipped', message: `Same content as import #${earlier.id} (${earlier.fileName}); nothing to do.` });
    finishImport(db, id, 'skipped', { message: `Same content as import #${earlier.id} (${earlier.fileName}); nothing to do.`, sha256: earlier.sha256 });
    return getImport(db, id)!;
  }

  const importId = insertImport(db, { ...base, status: 'running' });
  hooks.onStart?.(importId);
  const writer = new BatchWriter(db, importId, request.enrich === false ? null : createGeoIp(request.cacheDir ?? null));
  const parser = format.createParser({ preset: request.preset });
  const hash = createHash('sha256');
  const interval = hooks.progressIntervalMs ?? 500;
  let lastReport = Date.now();
  const report = () => hooks.onProgress?.({ importId, record: { ...getImport(db, importId)!, ...writer.counts, bytesRead: writer.bytesRead }, sizeBytes: info.sizeBytes });
  let truncation: string | null = null;
  try {
    try {
      for await (const chunk of readSource(file, info.gzip, hash)) {
        if (hooks.signal?.aborted) throw new ImportCancelled();
        writer.bytesRead = chunk.bytesRead;
        parser.push(chunk.text, writer);
        if (Date.now() - lastReport >= interval) {
          lastReport = Date.now();
          report();
        }
      }
    } catch (error) {
      if (!isTruncatedGzip(error)) throw error;
      truncation = `The compressed file ends early or is corrupt (gzip); every complete record before the break was imported.`;
    }
    if (hooks.signal?.aborted) throw new ImportCancelled();
    parser.end(writer);
    writer.bytesRead = info.sizeBytes;
    writer.flush();
  } catch (error) {
    rollBackImport(db, importId);
    const cancelled = error instanceof ImportCancelled;
    finishImport(db, importId, cancelled ? 'cancelled' : 'failed', {
      message: cancelled ? (error as Error).message : `${(error as Error).message} Nothing from this import was kept.`,
      counts: { rowsRead: 0, stored: 0, quarantined: 0, duplicates: 0 },
    });
    if (cancelled) return getImport(db, importId)!;
    throw Object.assign(error as Error, { importId });
  }
  finishImport(db, importId, 'done', { message: truncation, sha256: hash.digest('hex'), counts: writer.counts, bytesRead: info.sizeBytes });
  report();
  return getImport(db, importId)!;
}

async function findSameContent(db: Db, file: string, info: { quickHash: string; sizeBytes: number }) {
  const candidates = findDoneBySignature(db, info.quickHash, info.sizeBytes);
  if (candidates.length === 0) return null;
  const sha256 = await sha256File(file);
  return candidates.find((c) => c.sha256 === sha256) ?? null;
}

function isTruncatedGzip(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || /unexpected end of file/i.test(String((error as Error)?.message));
}
