// Shared set-up for connector tests: a database in a temp folder, fast backoff, row reads.
import fs from 'node:fs';
import path from 'node:path';
import {
  type PullOptions,
  type PullRequest,
  runPull,
} from '../../../src-main/core/connectors/cloudwatch-logs/index.js';
import type { RetryOptions } from '../../../src-main/core/connectors/cloudwatch-logs/retry.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { type CoreOptions, createCore } from '../../../src-main/core/service.js';
import { type ExpectedSession, SESSION_COLUMNS } from './events.js';
import { REGION, TEST_CREDENTIALS } from './moto.js';

/** Backoff that records each wait instead of waiting (the delays themselves are what is tested). */
export function recordingRetry(options: Partial<RetryOptions> = {}) {
  const delays: number[] = [];
  const retry: RetryOptions = {
    ...options,
    sleep: async (ms) => {
      delays.push(ms);
    },
  };
  return { retry, delays };
}

export function openTestDb(dir: string): Db {
  return openDatabase(path.join(dir, 'vigil.db'));
}

export function sessions(db: Db): ExpectedSession[] {
  return db
    .prepare(`SELECT ${SESSION_COLUMNS} FROM sessions ORDER BY start_ts, src_ip`)
    .all() as ExpectedSession[];
}

export function sortSessions(list: ExpectedSession[]): ExpectedSession[] {
  return [...list].sort(
    (a, b) => a.start_ts - b.start_ts || (a.src_ip < b.src_ip ? -1 : a.src_ip > b.src_ip ? 1 : 0),
  );
}

export function countSessions(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
}

export function spoolFiles(dir: string): string[] {
  const spool = path.join(dir, 'spool');
  return fs.existsSync(spool) ? fs.readdirSync(spool) : [];
}

/** runPull against an endpoint with test credentials, no enrichment and instant backoff. */
export function pull(
  db: Db,
  endpoint: string,
  request: Partial<PullRequest> & { logGroup: string },
  options: PullOptions = {},
) {
  return runPull(
    db,
    { region: REGION, endpoint, ...request },
    { credentials: TEST_CREDENTIALS, enrich: false, retry: recordingRetry().retry, ...options },
  );
}

/** A core over `<dir>/vigil.db` whose pulls use test credentials, instant backoff and small chunks. */
export function testCore(dir: string, pullOptions: CoreOptions['pullOptions'] = {}) {
  return createCore({
    dbPath: path.join(dir, 'vigil.db'),
    enrich: false,
    pullOptions: {
      credentials: TEST_CREDENTIALS,
      retry: recordingRetry().retry,
      flushEvents: 1_000,
      pageSize: 1_000,
      ...pullOptions,
    },
  });
}
