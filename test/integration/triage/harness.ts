// A real database in a temp dir with real imported sessions (CloudWatch CSV through the ingest
// pipeline, so rollups and IOC marks are kept as in the app), and model scores for the queue.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { CLOUDWATCH_HEADER, cloudwatchRow } from '../../helpers/cloudwatch-rows.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

export interface Workspace {
  dir: string;
  dbPath: string;
  db: Db;
  /** Another connection to the same file (closed after the test). */
  connect(): Db;
}

/** A workspace in a temp dir whose database and files are closed and removed after each test. */
export function workspace(): Workspace {
  const ws = openWorkspace(tempDir());
  open.push(ws.db);
  return { ...ws, connect: () => track(ws.connect()) };
}

const track = (db: Db) => {
  open.push(db);
  return db;
};

/** A workspace in a folder the caller owns (for suites that share one across tests). */
export function openWorkspace(dir: string): Workspace {
  const dbPath = path.join(dir, 'vigil.db');
  const connect = () => openDatabase(dbPath);
  return { dir, dbPath, db: connect(), connect };
}

let fileCounter = 0;

/** Imports CloudWatch CSV lines (without header); returns the stored session ids in file order. */
export async function importLines(ws: Workspace, lines: string[]): Promise<number[]> {
  const file = path.join(ws.dir, `import-${++fileCounter}.csv`);
  fs.writeFileSync(file, `${CLOUDWATCH_HEADER}\n${lines.join('\n')}\n`);
  const record = await runImport(ws.db, { file, format: 'cloudwatch-csv', enrich: false });
  if (record.status !== 'done') throw new Error(`import ${record.status}: ${record.message}`);
  return ws.db
    .prepare('SELECT id FROM sessions WHERE import_id = ? ORDER BY raw_line')
    .pluck()
    .all(record.id) as number[];
}

/** n generated sessions (a few hundred distinct source IPs at most). */
export const importGenerated = (ws: Workspace, n: number, offset = 0) =>
  importLines(
    ws,
    Array.from({ length: n }, (_, i) => cloudwatchRow(i + offset)),
  );

/** One CloudWatch line from chosen values (text cells are CSV-quoted, so any string fits). */
export function cloudwatchLine(values: {
  srcIp: string;
  start?: string;
  country?: string;
  rule?: string;
  observation?: string;
  meta?: string;
  sourceName?: string;
  detection?: string;
  protocol?: string;
  dstIp?: string;
}): string {
  const q = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const start = values.start ?? '2024-04-25T23:00:00Z';
  const end = new Date(Date.parse(start) + 600_000).toISOString().replace('.000', '');
  return [
    1234,
    5678,
    start,
    end,
    values.srcIp,
    values.country ?? 'US',
    q(values.protocol ?? 'HTTPS'),
    200,
    443,
    values.dstIp ?? '10.138.69.97',
    q(values.rule ?? 'Suspicious Web Traffic'),
    q(values.observation ?? 'Adversary Infrastructure Interaction'),
    q(values.meta ?? 'AWS_VPC_Flow'),
    q(values.sourceName ?? 'prod_webserver'),
    start,
    q(values.detection ?? 'waf_rule'),
  ].join(',');
}

/** A finished, active model run with these scores (flagged when score >= threshold). */
export function addScoredRun(
  db: Db,
  kind: 'iforest' | 'rf',
  scores: [sessionId: number, score: number][],
  threshold = 0.5,
): number {
  db.prepare('UPDATE model_runs SET active = 0 WHERE kind = ?').run(kind);
  const runId = Number(
    db
      .prepare(
        `INSERT INTO model_runs (kind, status, created_at, finished_at, params, backend, data_snapshot, threshold, active)
         VALUES (?, 'done', ?, ?, '{}', 'cpu', '[]', ?, 1)`,
      )
      .run(kind, Date.now(), Date.now(), threshold).lastInsertRowid,
  );
  const insert = db.prepare('INSERT INTO scores (run_id, session_id, score, flagged) VALUES (?, ?, ?, ?)');
  for (const [sessionId, score] of scores) insert.run(runId, sessionId, score, score >= threshold ? 1 : 0);
  return runId;
}
