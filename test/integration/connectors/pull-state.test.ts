// Migration 002 and the pull-state queries on a fresh database file.
import { describe, expect, it } from 'vitest';
import {
  getPullState,
  pullSummariesByGroup,
  recordPullProgress,
} from '../../../src-main/core/db/cloudwatch-pulls.js';
import { createTempDirs } from '../../helpers/temp.js';
import { openTestDb } from './harness.js';

const tempDir = createTempDirs();
const key = { region: 'eu-west-1', endpoint: '', logGroup: '/vpc/flow', selector: '' };

describe('cloudwatch_pulls (migration 002)', () => {
  it('looks a pull up by its primary key, never by a scan', () => {
    const db = openTestDb(tempDir());
    const plan = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT last_event_ts FROM cloudwatch_pulls
           WHERE region = 'r' AND endpoint = '' AND log_group = 'g' AND selector = ''`,
        )
        .all() as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan.join(' | ')).toMatch(
      /SEARCH cloudwatch_pulls USING PRIMARY KEY \(region=\? AND endpoint=\? AND log_group=\? AND selector=\?\)/,
    );
    db.close();
  });

  it('keeps the newest event time (an older range never moves it back) and the pending position', () => {
    const db = openTestDb(tempDir());
    expect(getPullState(db, key)).toBeNull();
    recordPullProgress(db, key, {
      lastEventTs: null,
      pending: { spec: '{"startTime":1,"endTime":9}', token: null },
    });
    expect(getPullState(db, key)).toMatchObject({ lastEventTs: null, pending: { token: null } });
    recordPullProgress(db, key, {
      lastEventTs: 500,
      pending: { spec: '{"startTime":1,"endTime":9}', token: 'T1' },
    });
    recordPullProgress(db, key, { lastEventTs: 300, pending: null });
    expect(getPullState(db, key)).toMatchObject({ lastEventTs: 500, pending: null });
    recordPullProgress(
      db,
      { ...key, selector: 'REJECT' },
      { lastEventTs: 900, pending: { spec: '{}', token: 'T2' } },
    );
    recordPullProgress(
      db,
      { ...key, logGroup: 'other', region: 'us-east-1' },
      { lastEventTs: 1, pending: null },
    );
    expect([...pullSummariesByGroup(db, 'eu-west-1', '')]).toEqual([
      ['/vpc/flow', { lastEventTs: 900, resumable: true }],
    ]);
    db.close();
  });
});
