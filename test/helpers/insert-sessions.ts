import type { Db } from '../../src-main/core/db/open.js';
import { prepareSessionInsert } from '../../src-main/core/db/sessions.js';
import type { Session } from '../../src-shared/domain.js';
import type { NO_REQUEST } from './no-request.js';

export interface TestSession extends Partial<Pick<Session, keyof typeof NO_REQUEST>> {
  startTs: number;
  endTs?: number;
  srcIp: string;
  dstIp?: string | null;
  srcPort?: number | null;
  dstPort?: number | null;
  protocol?: string | null;
  bytesIn?: number | null;
  bytesOut?: number | null;
  responseCode?: number | null;
  country?: string | null;
  asn?: number | null;
  ruleName?: string | null;
  detectionType?: string | null;
  action?: string | null;
  label?: string | null;
}

/** Stores hand-made sessions straight into `sessions` (no rollups): for tests of row-level SQL. */
export function insertSessions(db: Db, rows: TestSession[]): number[] {
  db.prepare(
    `INSERT OR IGNORE INTO imports (id, file, file_name, format, size_bytes, quick_hash, status, started_at)
     VALUES (1, 'test', 'test', 'cloudwatch-csv', 0, 'x', 'done', 0)`,
  ).run();
  const insert = prepareSessionInsert(db);
  return db.transaction(() =>
    rows.map((r, i) =>
      insert({ ...r, id: null, importId: 1, keyHash: i, endTs: r.endTs ?? r.startTs + 1000, rawLine: i + 2 }),
    ),
  )();
}
