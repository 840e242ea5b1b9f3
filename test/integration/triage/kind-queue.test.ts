// The flag queue of a threat-type run (issue "Say which attack"): grouped by predicted kind, the
// `kind:` filter term, and a verdict on a kind group that confirms or corrects the kind, which
// the next threat-type run reads as a label.
import { describe, expect, it } from 'vitest';
import { flagKinds } from '../../../src-main/core/analytics/flag-kinds.js';
import { verdictsOf } from '../../../src-main/core/db/verdicts.js';
import { resolveKinds } from '../../../src-main/core/ml/evaluate/kind-labels.js';
import { scoreRun } from '../../../src-main/core/ml/train/score-run.js';
import { trainRun } from '../../../src-main/core/ml/train/train-run.js';
import { flagQueue } from '../../../src-main/core/triage/queue.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/parse.js';
import { sharedGeneratedDb } from '../ml/harness.js';

const generated = sharedGeneratedDb({ rows: 12_000, attackRate: 0.12, days: 2, seed: 5 });

describe('flag queue by kind', () => {
  it('groups flags by predicted kind, filters with kind:, and a group verdict corrects the kind', async () => {
    const db = generated.db();
    const run = await trainRun(db, { kind: 'rf', target: 'type', split: 'random', params: { trees: 30 } });
    await scoreRun(db, db, run.id);
    const page = { runId: run.id, filter: {}, groupBySrcIp: false, offset: 0, limit: 5000 };

    const grouped = flagQueue(db, { ...page, groupByKind: true });
    const groups = grouped.kindGroups ?? [];
    expect(groups.length).toBeGreaterThanOrEqual(3);
    expect(grouped.kinds).toEqual(run.metrics?.multiclass?.classes.filter((k) => k !== 'benign'));
    // The biggest group first, each group's sessions together, counts that add up to the queue.
    expect(groups.map((g) => g.sessions)).toEqual([...groups.map((g) => g.sessions)].sort((a, b) => b - a));
    expect(groups.reduce((n, g) => n + g.sessions, 0)).toBe(grouped.total);
    const order = grouped.items.map((item) => item.predictedKind);
    expect(order).toEqual([...order].sort((a, b) => order.indexOf(a) - order.indexOf(b)));

    const [first, second] = groups;
    if (!first || !second) throw new Error('two kinds expected');
    // The Overview's split counts the same flags, per kind, within its filter.
    expect(flagKinds(db, {})).toEqual({
      runId: run.id,
      kinds: groups.map((g) => ({ kind: g.kind, sessions: g.sessions })),
    });
    expect(flagKinds(db, { clauses: parseFilterOrThrow(`kind:${second.kind}`) }).kinds).toEqual([
      { kind: second.kind, sessions: second.sessions },
    ]);
    const filtered = flagQueue(db, {
      ...page,
      filter: { clauses: parseFilterOrThrow(`kind:${second.kind}`) },
    });
    expect(filtered.total).toBe(second.sessions);
    expect(filtered.items.every((item) => item.predictedKind === second.kind)).toBe(true);
    // The detection set's queue (Triage's default) says the same kind for the run's flags: the
    // prompt naming a session's kind starts on it.
    const predicted = new Map(grouped.items.map((item) => [item.session.id, item.predictedKind]));
    const fromSet = flagQueue(db, { filter: {}, groupBySrcIp: false, offset: 0, limit: 5000 }).items.filter(
      (item) => predicted.has(item.session.id),
    );
    expect(fromSet.length).toBe(grouped.items.length);
    for (const item of fromSet) expect(item.predictedKind).toBe(predicted.get(item.session.id));

    // The analyst says the second group is really the first group's kind: every session of the
    // group gets a malicious verdict naming it, in one audited action.
    const result = setVerdict(db, 'ana', {
      target: { runId: run.id, predictedKind: second.kind, filter: {} },
      verdict: 'malicious',
      kind: first.kind,
    });
    expect(result.changed).toBe(second.sessions);
    const ids = filtered.items.map((item) => item.session.id);
    const verdicts = verdictsOf(db, ids);
    expect([...verdicts.values()].every((v) => v.verdict === 'malicious' && v.kind === first.kind)).toBe(
      true,
    );
    // Those verdicts are labels of that kind for the next threat-type run.
    const benign = db
      .prepare(`SELECT id FROM sessions WHERE label = 'benign' LIMIT 50`)
      .pluck()
      .all() as number[];
    setVerdict(db, 'ana', { target: { sessionIds: benign }, verdict: 'benign' });
    const kinds = resolveKinds(db, { type: 'verdicts' });
    expect(kinds.counts).toContainEqual({ kind: first.kind, sessions: second.sessions });
    expect(kinds.counts).toContainEqual({ kind: 'benign', sessions: 50 });
    expect(() =>
      setVerdict(db, 'ana', { target: { sessionIds: ids }, verdict: 'benign', kind: 'x' }),
    ).toThrow(/Only a malicious verdict names a kind/);
  }, 120_000);
});
