import type { Db } from './open.js';

/** Which pull: the place (region + endpoint), the log group and the selection within it. */
export interface PullKey {
  region: string;
  /** '' for AWS's own endpoint. */
  endpoint: string;
  logGroup: string;
  /** '' for every event of the group. */
  selector: string;
}

export interface PendingPull {
  /** The interrupted request, as JSON (its shape belongs to the connector). */
  spec: string;
  /** nextToken after its last committed page; null to restart the request from its start. */
  token: string | null;
}

export interface PullState {
  lastEventTs: number | null;
  pending: PendingPull | null;
  updatedAt: number;
}

interface Row {
  logGroup: string;
  lastEventTs: number | null;
  spec: string | null;
  token: string | null;
  updatedAt: number;
}

const toState = (row: Row): PullState => ({
  lastEventTs: row.lastEventTs,
  pending: row.spec === null ? null : { spec: row.spec, token: row.token },
  updatedAt: row.updatedAt,
});

const COLUMNS = `log_group AS logGroup, last_event_ts AS lastEventTs, pending_spec AS spec,
  pending_token AS token, updated_at AS updatedAt`;

export function getPullState(db: Db, key: PullKey): PullState | null {
  const row = db
    .prepare(
      `SELECT ${COLUMNS} FROM cloudwatch_pulls
       WHERE region = @region AND endpoint = @endpoint AND log_group = @logGroup AND selector = @selector`,
    )
    .get(key) as Row | undefined;
  return row ? toState(row) : null;
}

/**
 * Records where a pull got to: the newest committed event (kept if older than the stored one, so
 * pulling an old range never moves "new since last time" backwards) and what is left to resume.
 */
export function recordPullProgress(
  db: Db,
  key: PullKey,
  progress: { lastEventTs: number | null; pending: PendingPull | null },
): void {
  db.prepare(
    `INSERT INTO cloudwatch_pulls (region, endpoint, log_group, selector, last_event_ts, pending_spec, pending_token, updated_at)
     VALUES (@region, @endpoint, @logGroup, @selector, @lastEventTs, @spec, @token, @now)
     ON CONFLICT (region, endpoint, log_group, selector) DO UPDATE SET
       last_event_ts = CASE
         WHEN excluded.last_event_ts IS NULL THEN last_event_ts
         WHEN last_event_ts IS NULL OR excluded.last_event_ts > last_event_ts THEN excluded.last_event_ts
         ELSE last_event_ts END,
       pending_spec = excluded.pending_spec,
       pending_token = excluded.pending_token,
       updated_at = excluded.updated_at`,
  ).run({
    ...key,
    lastEventTs: progress.lastEventTs,
    spec: progress.pending?.spec ?? null,
    token: progress.pending?.token ?? null,
    now: Date.now(),
  });
}

/** Per log group of one place: the newest pulled event over all selections, and whether any can resume. */
export function pullSummariesByGroup(
  db: Db,
  region: string,
  endpoint: string,
): Map<string, { lastEventTs: number | null; resumable: boolean }> {
  const rows = db
    .prepare(
      `SELECT log_group AS logGroup, max(last_event_ts) AS lastEventTs,
         max(pending_spec IS NOT NULL) AS resumable
       FROM cloudwatch_pulls WHERE region = ? AND endpoint = ? GROUP BY log_group`,
    )
    .all(region, endpoint) as { logGroup: string; lastEventTs: number | null; resumable: number }[];
  return new Map(rows.map((r) => [r.logGroup, { lastEventTs: r.lastEventTs, resumable: r.resumable === 1 }]));
}
