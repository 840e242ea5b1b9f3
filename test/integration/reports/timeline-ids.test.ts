// A timeline entry for an action on several sessions names their ids as a run only when they are
// one (8 … 10); ids with gaps are named as the bounds they lie between, so a reader of the report
// never counts sessions the action did not touch.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { gatherCaseReport } from '../../../src-main/core/reports/case-data.js';
import { timelineEntries } from '../../../src-main/core/reports/timeline-section.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import { insertSessions } from '../../helpers/insert-sessions.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let db: Db;
let ids: number[];
let caseId: number;

beforeAll(() => {
  db = openDatabase(path.join(tempDir(), 'v.db'));
  ids = insertSessions(
    db,
    Array.from({ length: 10 }, (_, i) => ({
      startTs: Date.UTC(2024, 4, 1) + i * 60_000,
      srcIp: '203.0.113.7',
      dstIp: '10.0.0.5',
    })),
  );
  caseId = createCase(db, 'ana', { title: 'Ids', severity: 'low', summary: '', sessionIds: ids, ips: [] });
  setVerdict(db, 'ana', {
    target: { sessionIds: [ids[0], ids[2], ids[4], ids[6]] as number[] },
    verdict: 'malicious',
  });
  setVerdict(db, 'ana', { target: { sessionIds: ids.slice(7) }, verdict: 'benign' });
});
afterAll(() => db.close());

describe('a timeline entry naming the ids of its sessions', () => {
  it('names a run of ids as a run, and ids with gaps by their bounds', () => {
    const entries = timelineEntries(gatherCaseReport(db, caseId, '1'));
    const detail = (what: string) => entries.find((e) => e.what === what)?.detail;
    expect(detail('verdict: malicious')).toBe(
      `4 sessions (ids between ${ids[0]} and ${ids[6]}) from 1 source IP: 203.0.113.7`,
    );
    expect(detail('verdict: benign')).toBe(
      `3 sessions (ids ${ids[7]} … ${ids[9]}) from 1 source IP: 203.0.113.7`,
    );
  });
});
