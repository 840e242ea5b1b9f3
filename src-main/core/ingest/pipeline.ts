import path from 'node:path';
import type { FormatId, ImportRecord, MappingPreset } from '../../../src-shared/domain.js';
import { CommitGroup } from '../db/commit-group.js';
import { pauseForeignKeys } from '../db/foreign-keys.js';
import { describeDetached, rollBackImport } from '../db/import-rollback.js';
import {
  findDoneBySignature,
  finishImport,
  getImport,
  insertImport,
  markRollupsApplied,
} from '../db/imports.js';
import type { Db } from '../db/open.js';
import { ruleTablesExist } from '../db/rule-sets.js';
import { dropSessionIndexes, ensureSessionIndexes, maxSessionId } from '../db/session-indexes.js';
import { dropStagedRollups, mergeStagedRollups } from '../db/staged-rollups.js';
import { whyUnreadable } from '../file-errors.js';
import { sha256File } from '../file-hash.js';
import { refreshIocMarks } from '../triage/ioc-marks.js';
import { refuseArchive } from './archive-check.js';
import { BatchWriter } from './batch-writer.js';
import { detectFormat, formatById } from './formats/index.js';
import { ImportRuleHits } from './import-rule-hits.js';
import { memoryTracer, processRss } from './memory-trace.js';
import { type ParserPlacement, runParser } from './parse-runner.js';
import { recordRefusal } from './refused-import.js';
import { inspectSource, readHead, refuseBlank, refuseUtf16 } from './source.js';

export interface ImportRequest {
  file: string;
  format?: FormatId;
  preset?: MappingPreset;
  /** Look up country/ASN where the log lacks them (default on). */
  enrich?: boolean;
  /** Where derived lookup tables may be cached (next to the database). */
  cacheDir?: string | null;
  /** Where to parse: 'auto' uses a worker thread for files over a few MB (tests pin one or the other). */
  parser?: ParserPlacement;
  /** Rollup cells summed before the writer upserts them (default WINDOW_CELLS; tests use small windows). */
  windowCells?: number;
  /** Run the active detection rules on the new sessions (default on; benches measure without). */
  rules?: boolean;
  /** A `line,label` CSV beside the log: each record gets the label of its line (label-sidecar.ts). */
  labels?: string;
  /** Where the file's records were pulled from (a connector's text, stored on the import); none for a file. */
  origin?: string;
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

// A load bigger than this and bigger than what is stored drops the query indexes and rebuilds them
// once at the end: a sorted index build is several times cheaper than per-row index maintenance.
const BULK_MIN_ROWS = 200_000;
// Batches per commit (db/commit-group.ts): 4 × 10 000 rows.
const BATCHES_PER_COMMIT = 4;

/**
 * Streams one file into the database: read → gunzip → decode → parse → validate → normalize →
 * enrich → batch insert. Every record read ends up stored, quarantined or counted as a duplicate.
 * On cancel or failure everything the import stored is rolled back.
 */
export async function runImport(
  db: Db,
  request: ImportRequest,
  hooks: ImportHooks = {},
): Promise<ImportRecord> {
  const startedAt = Date.now();
  let ready: Awaited<ReturnType<typeof readyToImport>>;
  try {
    ready = await readyToImport(db, request);
  } catch (error) {
    throw recordRefusal(db, request, startedAt, error as Error);
  }
  const { file, info, head, format, base, earlier } = ready;
  if (earlier) {
    // A log is imported once: labels given with it again would make its requests count twice.
    const message = request.labels
      ? `Same content as import #${earlier.id} (${earlier.fileName}), imported before: its labels were not applied. Import the log with its labels into another workspace (--db).`
      : `Same content as import #${earlier.id} (${earlier.fileName}); nothing to do.`;
    const id = insertImport(db, { ...base, labelsFile: null, status: 'running', startedAt });
    finishImport(db, id, 'skipped', { message, sha256: earlier.sha256 });
    return getImport(db, id)!;
  }

  const importId = insertImport(db, { ...base, status: 'running', startedAt });
  hooks.onStart?.(importId);
  const bulk = estimateRows(head, info.sizeBytes, info.gzip) > Math.max(BULK_MIN_ROWS, maxSessionId(db));
  if (bulk) dropSessionIndexes(db);
  // Sessions and quarantine rows reference this import's row, which stays until the import ends.
  const resumeForeignKeys = pauseForeignKeys(db);
  const rules = request.rules !== false && ruleTablesExist(db);
  const writer = new BatchWriter(db, importId, rules ? new ImportRuleHits(db) : null);
  const interval = hooks.progressIntervalMs ?? 500;
  let lastReport = Date.now();
  const report = () =>
    hooks.onProgress?.({
      importId,
      record: { ...getImport(db, importId)!, ...writer.counts, bytesRead: writer.bytesRead },
      sizeBytes: info.sizeBytes,
    });
  const started = performance.now();
  let writing = 0;
  const group = new CommitGroup(db, BATCHES_PER_COMMIT);
  const trace = memoryTracer('writer');
  let batches = 0;
  try {
    const outcome = await runParser(
      {
        file,
        gzip: info.gzip,
        format: format.id,
        preset: request.preset,
        enrich: request.enrich !== false,
        cacheDir: request.cacheDir ?? null,
        windowCells: request.windowCells,
        labels: request.labels ?? null,
      },
      info.sizeBytes,
      (batch) => {
        const before = performance.now();
        group.before();
        writer.write(batch);
        group.after();
        writing += performance.now() - before;
        trace?.(++batches);
        if (Date.now() - lastReport >= interval) {
          lastReport = Date.now();
          // What a progress report counts is committed: a listener may look at it from elsewhere.
          group.commit();
          report();
        }
      },
      hooks.signal,
      request.parser,
    );
    group.commit();
    resumeForeignKeys();
    if (hooks.signal?.aborted) throw new Error('cancelled');
    const indexing = performance.now();
    const beforeIndexes = processRss();
    if (bulk) ensureSessionIndexes(db);
    if (process.env.VIGIL_TRACE_INGEST) {
      const ms = (t: number) => `${Math.round(t)} ms`;
      const mb = (n: number) => `${n.toFixed(0)} MB`;
      console.error(
        `ingest trace: total ${ms(performance.now() - started)}, writing ${ms(writing)}, index build ${ms(performance.now() - indexing)}, ` +
          `peak RSS ${mb(beforeIndexes.peak)} before the index build, ${mb(processRss().peak)} after, ` +
          `parser heap peak ${mb((outcome.parserHeapPeak ?? 0) / 2 ** 20)}`,
      );
    }
    // The dashboards count the import from the same commit that makes its sessions visible.
    db.transaction(() => {
      mergeStagedRollups(db);
      markRollupsApplied(db, importId);
      finishImport(db, importId, 'done', {
        message: outcome.truncation,
        sha256: outcome.sha256,
        counts: writer.counts,
        bytesRead: info.sizeBytes,
      });
    }).immediate();
    dropStagedRollups(db);
  } catch (error) {
    group.rollback();
    resumeForeignKeys();
    dropStagedRollups(db);
    const detached = describeDetached(rollBackImport(db, importId));
    const cancelled = hooks.signal?.aborted === true;
    finishImport(db, importId, cancelled ? 'cancelled' : 'failed', {
      message: cancelled
        ? `Import cancelled; nothing from it was kept.${detached}`
        : // A reason that is a sentence already ends in its own full stop: not "once each.. Nothing".
          `${(error as Error).message.replace(/\.$/, '')}. Nothing from this import was kept.${detached}`,
      counts: { rowsRead: 0, stored: 0, quarantined: 0, duplicates: 0 },
    });
    if (bulk) ensureSessionIndexes(db);
    if (cancelled) return getImport(db, importId)!;
    throw Object.assign(error as Error, { importId });
  }
  // IOC lists apply to future imports too: mark the new IPs that fall in a list.
  refreshIocMarks(db);
  report();
  return getImport(db, importId)!;
}

/**
 * Everything known of the file before its import row exists: what it is, its format, and whether
 * the same content was imported before. What throws here is a refusal (recorded by the caller).
 */
async function readyToImport(db: Db, request: ImportRequest) {
  const file = path.resolve(request.file);
  const fileName = path.basename(file);
  // Missing, a folder, a pipe (which opening would wait on), no permission: said in words.
  const unreadable = whyUnreadable(file);
  if (unreadable) throw new Error(unreadable);
  const info = inspectSource(file);
  const head = await readHead(file, info.gzip);
  if (!request.format && !request.preset) refuseBlank(head, fileName, info.gzip);
  // Whatever the format: no importer reads UTF-16, and its every line would be refused.
  refuseUtf16(head, fileName);
  refuseArchive(head, fileName);
  const format = request.format
    ? formatById(request.format)
    : request.preset
      ? formatById(request.preset.format)
      : detectFormat(head, fileName);
  const base = {
    file,
    fileName,
    format: format.id,
    preset: request.preset?.name ?? null,
    labelsFile: request.labels ? path.resolve(request.labels) : null,
    origin: request.origin ?? null,
    sizeBytes: info.sizeBytes,
    quickHash: info.quickHash,
  };
  const earlier = await findSameContent(db, file, info);
  return { file, info, head, format, base, earlier };
}

function estimateRows(head: string, sizeBytes: number, gzip: boolean): number {
  const lines = head.split('\n').length - 1;
  if (lines <= 0) return 0;
  const bytesPerLine = Buffer.byteLength(head) / lines;
  // gzip'd logs expand roughly 8×; an estimate is enough to choose a strategy.
  return ((gzip ? 8 : 1) * sizeBytes) / bytesPerLine;
}

async function findSameContent(db: Db, file: string, info: { quickHash: string; sizeBytes: number }) {
  const candidates = findDoneBySignature(db, info.quickHash, info.sizeBytes);
  if (candidates.length === 0) return null;
  const sha256 = await sha256File(file);
  return candidates.find((c) => c.sha256 === sha256) ?? null;
}
