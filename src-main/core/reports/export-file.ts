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
import { exportRecords, type SessionSelection } from '../db/session-export.js';
import { sha256File } from '../file-hash.js';
import { appVersion } from './app-version.js';
import { gatherCaseReport } from './case-data.js';
import { renderCaseHtml } from './html.js';
import { chromiumPrintToPdf, type PrintToPdf } from './pdf.js';
import { writeSessionsCsv, writeSessionsJson } from './session-files.js';
import { buildStixBundle } from './stix.js';

export interface ExportRequest {
  caseId?: number;
  filter?: TriageFilter;
  format: ReportFormat;
  path: string;
}

export interface ExportOptions {
  printToPdf?: PrintToPdf;
}

async function withReader<T>(db: Db, use: (reader: Db) => Promise<T>): Promise<T> {
  if (db.memory) return use(db);
  const reader = openDatabase(db.name, { readonly: true });
  try {
    return await use(reader);
  } finally {
    reader.close();
  }
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
  fs.mkdirSync(path.dirname(file), { recursive: true });
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
    sessions = await writeExport(db, { ...request, path: partial }, options);
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { path: file, bytes: fs.statSync(file).size, sha256: await sha256File(file), sessions };
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
  // STIX carries every session of the case; HTML and PDF list the strongest evidence first.
  const report = gatherCaseReport(db, request.caseId, appVersion(), { listAll: request.format === 'stix' });
  if (request.format === 'stix')
    fs.writeFileSync(file, `${JSON.stringify(buildStixBundle(report), null, 2)}\n`);
  else {
    const page = renderCaseHtml(report, verifyAuditChain(db));
    if (request.format === 'html') fs.writeFileSync(file, page);
    else fs.writeFileSync(file, await (options.printToPdf ?? chromiumPrintToPdf)(page));
  }
  return report.data.sessionTotal;
}
