// Writes one export to a file: a case report (html, pdf, stix) or sessions (csv, json) of a case
// or a filter. Sessions are read on a separate read-only connection, so a long export never holds
// the main connection busy; WAL gives it one consistent snapshot.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportResult, ReportFormat } from '../../../src-shared/reports.js';
import type { TriageFilter } from '../../../src-shared/triage.js';
import { verifyAuditChain } from '../db/audit-chain.js';
import { getCase, noCaseMessage } from '../db/cases.js';
import { type Db, openDatabase } from '../db/open.js';
import { inReadSnapshot } from '../db/read-snapshot.js';
import { countSelection, exportRecords, type SessionSelection } from '../db/session-export.js';
import { sha256File } from '../file-hash.js';
import { appVersion } from './app-version.js';
import { gatherCaseReport, gatherCaseStix } from './case-data.js';
import { renderCaseHtml } from './html.js';
import { writeChunks } from './json-stream.js';
import { chromiumPrintToPdf, type PrintToPdf } from './pdf.js';
import { writeSessionsCsv, writeSessionsJson } from './session-files.js';
import { stixBundleJson } from './stix.js';

export interface ExportRequest {
  caseId?: number;
  filter?: TriageFilter;
  format: ReportFormat;
  path: string;
}

export interface ExportOptions {
  printToPdf?: PrintToPdf;
}

async function withReader<T>(
  db: Db,
  use: (reader: Db) => Promise<T>,
  options: { cacheKib?: number } = {},
): Promise<T> {
  if (db.memory) return use(db);
  const reader = openDatabase(db.name, { readonly: true, ...options });
  try {
    return await use(reader);
  } finally {
    reader.close();
  }
}

// STIX reads the case in several passes, each straight through: a page cache as large as the
// default only grew the process with the case (232 MB against 198 MB at 200 000 sessions, as fast),
// while the system's file cache keeps the pages between passes anyway.
const STIX_READER_CACHE_KIB = 8192;

/** The case's STIX 2.1 bundle, streamed to `file` (stix.ts); the sessions it holds. */
async function writeStix(db: Db, caseId: number, file: string): Promise<number> {
  return withReader(
    db,
    (reader) => {
      const write = async () => {
        const source = gatherCaseStix(reader, caseId);
        await writeChunks(file, stixBundleJson(source));
        return countSelection(reader, { caseId });
      };
      // Every pass reads the same sessions: one snapshot. The database in memory (withReader) is
      // not held in one: other work shares that connection.
      return reader === db ? write() : inReadSnapshot(reader, write);
    },
    { cacheKib: STIX_READER_CACHE_KIB },
  );
}

async function writeSessions(db: Db, request: ExportRequest, selection: SessionSelection): Promise<number> {
  return withReader(db, (reader) => {
    const records = exportRecords(reader, selection);
    return request.format === 'csv'
      ? writeSessionsCsv(request.path, records)
      : writeSessionsJson(request.path, records);
  });
}

export async function exportToFile(
  db: Db,
  request: ExportRequest,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const file = path.resolve(request.path);
  // Written beside the target and renamed over it only when whole: an export that fails part-way
  // (a full disk, a failed print) leaves the file that was there before as it was, and no partial
  // file under the report's name or beside it. Before, a failed export wrote straight into the
  // target: the previous report was gone and a cut-off JSON array or STIX bundle took its name.
  const partial = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`,
  );
  let sessions: number;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    sessions = await writeExport(db, { ...request, path: partial }, options);
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw writeFailure(error, file, partial);
  }
  return { path: file, bytes: fs.statSync(file).size, sha256: await sha256File(file), sessions };
}

// Why the file system refused the export, in words (the code stays in brackets for a search).
const WRITE_FAILURES: Record<string, string> = {
  EACCES: 'permission denied: this user cannot write there',
  EPERM: 'permission denied: this user cannot write there',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file grew too large for the file system or the process limit',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a name in the path is a file, not a folder',
  EISDIR: 'a folder has that name',
};

/**
 * A file-system error of writing the export, said of the file asked for: Node's message names the
 * hidden partial file beside it (`EACCES: permission denied, open '/x/.case.json.41-9f3a.partial'`),
 * which the user never asked for and which is gone by then. Only the errors of making its folder,
 * opening, writing and renaming its file are; others (a read, a print) stay as they are.
 */
function writeFailure(error: unknown, file: string, partial: string): unknown {
  if (!(error instanceof Error)) return error;
  const { code, syscall, path: at } = error as NodeJS.ErrnoException;
  if (!code || !syscall) return error;
  // A stream's write error names no path; a folder on the way to the file is the file's.
  const ours =
    at === undefined
      ? syscall === 'write'
      : at === partial || at === file || file.startsWith(at.endsWith(path.sep) ? at : `${at}${path.sep}`);
  if (!ours) return error;
  const why = WRITE_FAILURES[code] ?? error.message.replaceAll(partial, file);
  return new Error(`Cannot write ${file}: ${why} (${code}).`, { cause: error });
}

/** Writes the export to `request.path`; the sessions it includes. */
async function writeExport(db: Db, request: ExportRequest, options: ExportOptions): Promise<number> {
  const file = request.path;
  if (request.format === 'csv' || request.format === 'json') {
    // As the reports say it: a mistyped case id wrote an empty file, "0 session(s)", before.
    if (request.caseId !== undefined && !getCase(db, request.caseId))
      throw new Error(noCaseMessage(db, request.caseId));
    const selection: SessionSelection =
      request.caseId !== undefined ? { caseId: request.caseId } : { filter: request.filter ?? {} };
    return writeSessions(db, request, selection);
  }
  if (request.caseId === undefined)
    throw new Error(`A ${request.format} report is made from a case: give a case id.`);
  // STIX carries every session of the case, streamed; HTML and PDF list the strongest evidence first.
  if (request.format === 'stix') return writeStix(db, request.caseId, file);
  const report = gatherCaseReport(db, request.caseId, appVersion());
  const page = renderCaseHtml(report, verifyAuditChain(db));
  if (request.format === 'html') fs.writeFileSync(file, page);
  else fs.writeFileSync(file, await (options.printToPdf ?? chromiumPrintToPdf)(page));
  return report.data.sessionTotal;
}
