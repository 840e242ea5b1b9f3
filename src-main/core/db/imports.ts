import type { ImportCounts, ImportRecord, ImportStatus } from '../../../src-shared/domain.js';
import type { Db } from './open.js';

export interface NewImport {
  file: string;
  fileName: string;
  format: string;
  preset: string | null;
  /** The labels file read beside the log, when its labels were applied. */
  labelsFile: string | null;
  /** Where pulled records came from (connectors' pull origin text); null for a file import. */
  origin?: string | null;
  sizeBytes: number;
  quickHash: string;
  status: ImportStatus;
  message?: string | null;
  /** When the import began (before the file was looked at); now when not given. */
  startedAt?: number;
}

// A file refused before it was read far enough stores '' for its format and -1 for its size (the
// columns are NOT NULL since migration 1, and rebuilding the table that every session references is
// not worth it): read back, both are null, "not known".
const UNKNOWN_FORMAT = '';
const UNKNOWN_SIZE = -1;

const SELECT = `SELECT id, file, file_name AS fileName, NULLIF(format, '${UNKNOWN_FORMAT}') AS format, preset,
  labels_file AS labelsFile, origin, NULLIF(size_bytes, ${UNKNOWN_SIZE}) AS sizeBytes,
  bytes_read AS bytesRead, sha256, status, message, rows_read AS rowsRead, stored, quarantined,
  duplicates, started_at AS startedAt, finished_at AS finishedAt FROM imports`;

export function insertImport(db: Db, row: NewImport): number {
  const info = db
    .prepare(
      `INSERT INTO imports (file, file_name, format, preset, labels_file, origin, size_bytes, quick_hash, status, message, started_at, owner_pid, heartbeat_at)
       VALUES (@file, @fileName, @format, @preset, @labelsFile, @origin, @sizeBytes, @quickHash, @status, @message, @startedAt, @pid, @now)`,
    )
    .run({
      ...row,
      message: row.message ?? null,
      origin: row.origin ?? null,
      startedAt: row.startedAt ?? Date.now(),
      now: Date.now(),
      pid: process.pid,
    });
  return Number(info.lastInsertRowid);
}

export interface RefusedImport {
  file: string;
  fileName: string;
  /** The format asked for, when one was; null when it was to be recognised and was not. */
  format: string | null;
  preset: string | null;
  labelsFile: string | null;
  origin: string | null;
  /** Null when the file could not even be looked at (missing). */
  sizeBytes: number | null;
  startedAt: number;
  message: string;
}

/**
 * An import refused before any row was read (format not recognised, file unreadable or empty): one
 * row, failed with its reason, so the attempt is on record after the live job is gone.
 */
export function insertRefusedImport(db: Db, row: RefusedImport): number {
  const info = db
    .prepare(
      `INSERT INTO imports (file, file_name, format, preset, labels_file, origin, size_bytes, quick_hash, status, message, started_at, finished_at)
       VALUES (@file, @fileName, @format, @preset, @labelsFile, @origin, @sizeBytes, '', 'failed', @message, @startedAt, @now)`,
    )
    .run({
      ...row,
      format: row.format ?? UNKNOWN_FORMAT,
      sizeBytes: row.sizeBytes ?? UNKNOWN_SIZE,
      now: Date.now(),
    });
  return Number(info.lastInsertRowid);
}

export function getImport(db: Db, id: number): ImportRecord | undefined {
  return db.prepare(`${SELECT} WHERE id = ?`).get(id) as ImportRecord | undefined;
}

export function listImports(db: Db): ImportRecord[] {
  return db.prepare(`${SELECT} ORDER BY id DESC`).all() as ImportRecord[];
}

/** Completed imports whose first/last bytes and size match: candidates for "same file again". */
export function findDoneBySignature(
  db: Db,
  quickHash: string,
  sizeBytes: number,
): { id: number; sha256: string | null; fileName: string }[] {
  // An import that stored nothing (every row quarantined: a wrong format or --log-format) does not
  // make the file seen, so it can be read again the right way.
  return db
    .prepare(
      `SELECT id, sha256, file_name AS fileName FROM imports
        WHERE quick_hash = ? AND size_bytes = ? AND status = 'done' AND (stored > 0 OR duplicates > 0)`,
    )
    .all(quickHash, sizeBytes) as { id: number; sha256: string | null; fileName: string }[];
}

export function prepareProgressUpdate(db: Db) {
  const stmt = db.prepare(
    `UPDATE imports SET rows_read = @rowsRead, stored = @stored, quarantined = @quarantined,
       duplicates = @duplicates, bytes_read = @bytesRead, heartbeat_at = @now,
       first_session_id = coalesce(first_session_id, @firstId), last_session_id = coalesce(@lastId, last_session_id),
       rollup_last_id = @rollupLastId
     WHERE id = @id`,
  );
  return (
    id: number,
    counts: ImportCounts,
    bytesRead: number,
    ids: { firstId: number | null; lastId: number | null; rollupLastId: number },
  ) => stmt.run({ id, ...counts, bytesRead, now: Date.now(), ...ids });
}

export interface SessionIdRange {
  first: number;
  last: number;
  /** Sessions of the import up to this id are in the rollups (the writer applies them by windows). */
  rollupLast: number;
}

/** The session id range an import wrote into (null when it stored nothing). */
export function sessionIdRange(db: Db, id: number): SessionIdRange | null {
  const row = db
    .prepare(
      'SELECT first_session_id AS first, last_session_id AS last, rollup_last_id AS rollupLast FROM imports WHERE id = ?',
    )
    .get(id) as { first: number | null; last: number | null; rollupLast: number | null } | undefined;
  if (!row || row.first === null || row.last === null) return null;
  // An import row from before migration 8 has no rollup_last_id: its writer applied every batch.
  return { first: row.first, last: row.last, rollupLast: row.rollupLast ?? row.last };
}

/** The import's staged rollup share was added to the rollups (in the transaction that finishes it). */
export function markRollupsApplied(db: Db, id: number): void {
  db.prepare('UPDATE imports SET rollup_last_id = last_session_id WHERE id = ?').run(id);
}

export function finishImport(
  db: Db,
  id: number,
  status: ImportStatus,
  fields: { message?: string | null; sha256?: string | null; counts?: ImportCounts; bytesRead?: number },
): void {
  db.prepare(
    `UPDATE imports SET status = @status, message = @message, sha256 = COALESCE(@sha256, sha256),
       rows_read = COALESCE(@rowsRead, rows_read), stored = COALESCE(@stored, stored),
       quarantined = COALESCE(@quarantined, quarantined), duplicates = COALESCE(@duplicates, duplicates),
       bytes_read = COALESCE(@bytesRead, bytes_read), finished_at = @now, owner_pid = NULL WHERE id = @id`,
  ).run({
    id,
    status,
    message: fields.message ?? null,
    sha256: fields.sha256 ?? null,
    rowsRead: fields.counts?.rowsRead ?? null,
    stored: fields.counts?.stored ?? null,
    quarantined: fields.counts?.quarantined ?? null,
    duplicates: fields.counts?.duplicates ?? null,
    bytesRead: fields.bytesRead ?? null,
    now: Date.now(),
  });
}

/** Imports left 'running' by a process that is gone (crash, kill): candidates for rollback. */
export function runningImports(
  db: Db,
): { id: number; ownerPid: number | null; heartbeatAt: number | null }[] {
  return db
    .prepare(
      `SELECT id, owner_pid AS ownerPid, heartbeat_at AS heartbeatAt FROM imports WHERE status = 'running'`,
    )
    .all() as { id: number; ownerPid: number | null; heartbeatAt: number | null }[];
}
