// The default triage queue is the whole detection set: a session flagged by any active run that is
// on, or by a rule hit at the set's level, with the members that flagged it; its count is the
// Overview's flagged count for the same filter. On a real workspace database file.
import { describe, expect, it } from 'vitest';
import { kpiSummary } from '../../../src-main/core/analytics/kpis.js';
import { setRuleLevel, switchKindOff } from '../../../src-main/core/db/detection-set.js';
import type { Db } from '../../../src-main/core/db/open.js';
import { flagQueue } from '../../../src-main/core/triage/queue.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { RULE_LEVELS } from '../../../src-shared/rules.js';
import { addScoredRun, cloudwatchLine, importLines, workspace } from './harness.js';

const page = { filter: {}, groupBySrcIp: false, offset: 0, limit: 100 };

function ruleHit(db: Db, sessionId: number, ruleId: string, level: (typeof RULE_LEVELS)[number]) {
  db.prepare(
    `INSERT OR IGNORE INTO rule_sets (id, source, kind, added_at) VALUES (1, 'pack', 'pack', 0)`,
  ).run();
  const index = RULE_LEVELS.indexOf(level);
  const rule = db
    .prepare('INSERT INTO rules (set_id, rule_id, title, level) VALUES (1, ?, ?, ?)')
    .run(ruleId, `Title of ${ruleId}`, index).lastInsertRowid;
  db.prepare(
    `INSERT INTO rule_hits (session_id, rule, level, start_ts, field, value) VALUES (?, ?, ?, 0, 'path', '/etc/passwd')`,
  ).run(sessionId, rule, index);
}

async function setup() {
  const ws = workspace();
  const line = (srcIp: string, minute: number) =>
    cloudwatchLine({ srcIp, start: `2024-04-25T23:${String(minute).padStart(2, '0')}:00Z` });
  const ids = await importLines(ws, [
    line('10.0.0.1', 1),
    line('10.0.0.1', 2),
    line('10.0.0.2', 3),
    line('10.0.0.3', 4),
    line('192.0.2.9', 5),
    line('192.0.2.9', 6),
  ]);
  // rf flags 0 (0.9) and 2 (0.6); iforest flags 2 (0.8) and 3 (0.7); a high rule hits 4 (no
  // score), a low rule hits 5 (below the default level: not flagged); 1 is flagged by nothing.
  const rf = addScoredRun(ws.db, 'rf', [
    [ids[0]!, 0.9],
    [ids[1]!, 0.1],
    [ids[2]!, 0.6],
  ]);
  const iforest = addScoredRun(ws.db, 'iforest', [
    [ids[2]!, 0.8],
    [ids[3]!, 0.7],
  ]);
  ruleHit(ws.db, ids[4]!, 'web-lfi', 'high');
  ruleHit(ws.db, ids[5]!, 'noise', 'low');
  return { ws, ids, rf, iforest };
}

const order = (queue: ReturnType<typeof flagQueue>, ids: number[]) =>
  queue.items.map((item) => [ids.indexOf(item.session.id), item.score]);

describe('the detection-set queue', () => {
  it('holds every member of the set, best score first, a rule-hit-only session with its rule as reason', async () => {
    const { ws, ids, rf, iforest } = await setup();
    const queue = flagQueue(ws.db, page);
    expect(queue.run).toBeNull();
    expect(queue.set).toBe(`rf #${rf} + iforest #${iforest} + rules ≥ high`);
    expect(order(queue, ids)).toEqual([
      [0, 0.9],
      [2, 0.8],
      [3, 0.7],
      [4, null],
    ]);
    expect(queue.total).toBe(4);
    const byIndex = (i: number) => queue.items.find((item) => item.session.id === ids[i])!;
    expect(byIndex(4).reasons).toEqual([
      {
        by: 'rule',
        ruleId: 'web-lfi',
        title: 'Title of web-lfi',
        level: 'high',
        field: 'path',
        value: '/etc/passwd',
      },
    ]);
    expect(byIndex(2).reasons).toEqual([
      { by: 'run', runId: iforest, kind: 'iforest', score: 0.8 },
      { by: 'run', runId: rf, kind: 'rf', score: 0.6 },
    ]);
  });

  it('counts what the Overview counts as flagged, for the same filter', async () => {
    const { ws } = await setup();
    expect(flagQueue(ws.db, page).total).toBe(kpiSummary(ws.db, {}).flagged);
    const filter = { clauses: parseFilterOrThrow('src:10.0.0.0/8') };
    const filtered = flagQueue(ws.db, { ...page, filter });
    expect(filtered.total).toBe(3);
    expect(filtered.total).toBe(kpiSummary(ws.db, filter).flagged);
  });

  it('drops the sessions of a kind switched off, and rule hits when rules are off', async () => {
    const { ws, ids, rf } = await setup();
    switchKindOff(ws.db, 'iforest');
    const noForest = flagQueue(ws.db, page);
    expect(noForest.set).toBe(`rf #${rf} + rules ≥ high`);
    expect(order(noForest, ids)).toEqual([
      [0, 0.9],
      [2, 0.6],
      [4, null],
    ]);
    setRuleLevel(ws.db, 'low');
    expect(order(flagQueue(ws.db, page), ids)).toEqual([
      [0, 0.9],
      [2, 0.6],
      [4, null],
      [5, null],
    ]);
    setRuleLevel(ws.db, 'off');
    expect(order(flagQueue(ws.db, page), ids)).toEqual([
      [0, 0.9],
      [2, 0.6],
    ]);
  });

  it('groups by source IP, the IP with the top score first and a rule-only IP last', async () => {
    const { ws, ids } = await setup();
    const grouped = flagQueue(ws.db, { ...page, groupBySrcIp: true });
    expect(grouped.groups).toEqual([
      { srcIp: '10.0.0.1', sessions: 1, maxScore: 0.9 },
      { srcIp: '10.0.0.2', sessions: 1, maxScore: 0.8 },
      { srcIp: '10.0.0.3', sessions: 1, maxScore: 0.7 },
      { srcIp: '192.0.2.9', sessions: 1, maxScore: null },
    ]);
    expect(order(flagQueue(ws.db, { ...page, filter: { verdict: 'none' } }), ids)).toHaveLength(4);
  });

  it('takes every filter term, kind: (an unqualified session id) included', async () => {
    const { ws } = await setup();
    const filter = { clauses: parseFilterOrThrow('kind:sqli') };
    expect(flagQueue(ws.db, { ...page, filter }).items).toEqual([]);
  });

  it('keeps a queue of one run only as an option', async () => {
    const { ws, ids, rf } = await setup();
    const one = flagQueue(ws.db, { ...page, runId: rf });
    expect(one.run?.id).toBe(rf);
    expect(one.set).toBeUndefined();
    expect(order(one, ids)).toEqual([
      [0, 0.9],
      [2, 0.6],
    ]);
  });

  it("judges a group: the queue's sessions from its IP, not the IP's unflagged ones", async () => {
    const { ws, ids, rf } = await setup();
    const verdictOf = (i: number) =>
      ws.db.prepare('SELECT verdict FROM verdicts WHERE session_id = ?').pluck().get(ids[i]!) ?? null;
    // 10.0.0.1 has session 0 (flagged by rf) and session 1 (flagged by nothing): its group is one row.
    const set = setVerdict(ws.db, 'ana', {
      target: { queueOf: { srcIp: '10.0.0.1', filter: {} } },
      verdict: 'malicious',
    });
    expect(set.changed).toBe(1);
    expect([verdictOf(0), verdictOf(1)]).toEqual(['malicious', null]);
    // The queue of one run, within a filter: 192.0.2.9's sessions are not in rf's queue at all.
    expect(() =>
      setVerdict(ws.db, 'ana', {
        target: { queueOf: { srcIp: '192.0.2.9', runId: rf, filter: {} } },
        verdict: 'benign',
      }),
    ).toThrow('The queue holds no session from 192.0.2.9 here.');
    expect(
      setVerdict(ws.db, 'ana', {
        target: { queueOf: { srcIp: '192.0.2.9', filter: { clauses: parseFilterOrThrow('-level:low') } } },
        verdict: 'benign',
      }).changed,
    ).toBe(1);
    expect([verdictOf(4), verdictOf(5)]).toEqual(['benign', null]);
  });
});
