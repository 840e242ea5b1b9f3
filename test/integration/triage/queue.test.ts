// The flag queue (flagged sessions by score, switchable run, grouped by source IP, filtered) and
// "label next" (most uncertain, spread over source IPs).
import { describe, expect, it } from 'vitest';
import { flaggedCountSql } from '../../../src-main/core/db/flag-queue.js';
import { NEAREST_CUT_SQL } from '../../../src-main/core/db/label-candidates.js';
import { labelNext } from '../../../src-main/core/triage/label-next.js';
import { flagQueue } from '../../../src-main/core/triage/queue.js';
import { tagSessions } from '../../../src-main/core/triage/tag-actions.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import { addScoredRun, cloudwatchLine, importLines, workspace } from './harness.js';

const page = { filter: {}, groupBySrcIp: false, offset: 0, limit: 100 };

async function sixSessions(ws: ReturnType<typeof workspace>) {
  const line = (srcIp: string, minute: number) =>
    cloudwatchLine({ srcIp, start: `2024-04-25T23:${String(minute).padStart(2, '0')}:00Z` });
  return importLines(ws, [
    line('203.0.113.1', 1),
    line('203.0.113.1', 2),
    line('203.0.113.2', 3),
    line('203.0.113.2', 4),
    line('203.0.113.3', 5),
    line('203.0.113.3', 6),
  ]);
}

describe('flag queue', () => {
  it('lists the flagged sessions of one chosen run by score, with verdicts and tags', async () => {
    const ws = workspace();
    const ids = await sixSessions(ws);
    const older = addScoredRun(
      ws.db,
      'rf',
      ids.map((id, i) => [id, i / 10]),
    );
    const latest = addScoredRun(ws.db, 'iforest', [
      [ids[0]!, 0.7],
      [ids[1]!, 0.2],
      [ids[2]!, 0.95],
      [ids[3]!, 0.6],
      [ids[4]!, 0.9],
      [ids[5]!, 0.55],
    ]);
    setVerdict(ws.db, 'ana', { target: { sessionIds: [ids[2]!] }, verdict: 'malicious', note: 'n' });
    tagSessions(ws.db, 'ana', { tag: 'evidence', sessionIds: [ids[4]!], on: true });

    const one = { ...page, runId: latest };
    const queue = flagQueue(ws.db, one);
    expect(queue.run?.id).toBe(latest);
    expect(queue.total).toBe(5);
    expect(queue.items.map((i) => [i.session.id, i.score])).toEqual([
      [ids[2]!, 0.95],
      [ids[4]!, 0.9],
      [ids[0]!, 0.7],
      [ids[3]!, 0.6],
      [ids[5]!, 0.55],
    ]);
    expect(queue.items[0]!.verdict).toMatchObject({ verdict: 'malicious', analyst: 'ana' });
    expect(queue.items[1]!.tags).toEqual(['evidence']);

    const grouped = flagQueue(ws.db, { ...one, groupBySrcIp: true });
    expect(grouped.items.map((i) => i.session.id)).toEqual([ids[2], ids[3], ids[4], ids[5], ids[0]]);
    expect(grouped.groups).toEqual([
      { srcIp: '203.0.113.2', sessions: 2, maxScore: 0.95 },
      { srcIp: '203.0.113.3', sessions: 2, maxScore: 0.9 },
      { srcIp: '203.0.113.1', sessions: 1, maxScore: 0.7 },
    ]);

    expect(flagQueue(ws.db, { ...one, filter: { verdict: 'none' } }).total).toBe(4);
    expect(flagQueue(ws.db, { ...one, filter: { tag: 'evidence' } }).items.map((i) => i.session.id)).toEqual([
      ids[4],
    ]);
    expect(flagQueue(ws.db, { ...one, filter: { srcIp: '203.0.113.1' } }).total).toBe(1);
    const switched = flagQueue(ws.db, { ...page, runId: older });
    expect(switched.items.map((i) => [i.session.id, i.score])).toEqual([[ids[5], 0.5]]);
    expect(() => flagQueue(ws.db, { ...page, runId: 9999 })).toThrow(/No model run with id 9999/);
  });

  it('is empty, not an error, before any model has run', async () => {
    const ws = workspace();
    await sixSessions(ws);
    // The default queue is the detection set: nothing yet but rule hits at the default level.
    expect(flagQueue(ws.db, page)).toEqual({
      run: null,
      set: 'rules ≥ high',
      items: [],
      total: 0,
      groups: [],
    });
  });
});

describe('label next', () => {
  it('offers unlabelled sessions nearest 0.5 from the supervised run, one per source IP', async () => {
    const ws = workspace();
    const ids = await sixSessions(ws);
    addScoredRun(ws.db, 'rf', [
      [ids[0]!, 0.49],
      [ids[1]!, 0.51],
      [ids[2]!, 0.3],
      [ids[3]!, 0.99],
      [ids[4]!, 0.45],
      [ids[5]!, 0.5],
    ]);
    // An unsupervised run is newer, but its scores are not probabilities: it is not used.
    addScoredRun(
      ws.db,
      'iforest',
      ids.map((id) => [id, 0.5]),
    );
    setVerdict(ws.db, 'ana', { target: { sessionIds: [ids[5]!] }, verdict: 'benign' });
    const next = labelNext(ws.db, { count: 3, perSourceIp: 1 });
    expect(next.run?.kind).toBe('rf');
    expect(next.items.map((i) => [i.session.id, i.session.srcIp])).toEqual([
      [ids[0]!, '203.0.113.1'],
      [ids[4]!, '203.0.113.3'],
      [ids[2]!, '203.0.113.2'],
    ]);
    expect(next.items[0]!.uncertainty).toBeCloseTo(0.98);
    const two = labelNext(ws.db, { count: 3, perSourceIp: 2 });
    expect(two.items.map((i) => i.session.id)).toEqual([ids[0], ids[1], ids[4]]);
  });

  it('asks about the sessions nearest the threshold the run flags at, not 0.5', async () => {
    const ws = workspace();
    const ids = await sixSessions(ws);
    // This run flags at 0.12: it is surest about 0.5 (well past its cut), least sure near 0.12.
    addScoredRun(
      ws.db,
      'rf',
      [
        [ids[0]!, 0.5],
        [ids[1]!, 0.11],
        [ids[2]!, 0.9],
        [ids[3]!, 0.13],
        [ids[4]!, 0.49],
        [ids[5]!, 0.01],
      ],
      0.12,
    );
    const next = labelNext(ws.db, { count: 2, perSourceIp: 2 });
    expect(next.items.map((i) => i.session.id)).toEqual([ids[1], ids[3]]);
    expect(next.items[0]!.uncertainty).toBeCloseTo(1 - 0.01 / 0.88);
  });

  // Joined from scores, SQLite read sessions in score order through the flagged index, one random
  // page each: 1.1 s to count 133 000 flagged sessions, 9 s for "label next" over a million.
  it('reads sessions in table order to count, and only the few nearest 0.5 for label next', () => {
    const ws = workspace();
    const plan = (sql: string, ...params: unknown[]) =>
      (ws.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    for (const conditions of [[], ["sessions.country = 'US'"]]) {
      expect(plan(flaggedCountSql(conditions), { runId: 1 })).toMatch(
        /^SEARCH sessions USING INTEGER PRIMARY KEY \(rowid=\?\) \| LIST SUBQUERY/,
      );
    }
    const uncertain = plan(NEAREST_CUT_SQL, { runId: 1, cut: 0.5, pool: 10 });
    expect(uncertain).toMatch(/^CO-ROUTINE nearest \| SEARCH scores/);
    expect(uncertain.indexOf('sessions')).toBeGreaterThan(uncertain.indexOf('SCAN nearest'));
  });
});
