// The detection set is the one meaning of "flagged": the Overview's count, the `flagged:` term and
// the set's name all follow a kind switched off and the rule level, on a real database file.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kpiSummary } from '../../../src-main/core/analytics/kpis.js';
import { readDetectionSet, setRuleLevel, switchKindOff } from '../../../src-main/core/db/detection-set.js';
import { createRun, finishRun, setActiveRun } from '../../../src-main/core/db/model-runs.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { sessionPage, whereClause } from '../../../src-main/core/db/sessions.js';
import { prepareVerdictWrite } from '../../../src-main/core/db/verdicts.js';
import { sessionMarks } from '../../../src-main/core/triage/session-marks.js';
import { detectionSetName } from '../../../src-shared/detection-set.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import type { ModelKind } from '../../../src-shared/models.js';
import { insertSessions } from '../../helpers/insert-sessions.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let db: Db;
let ids: number[];

function finishedRun(kind: ModelKind): number {
  const id = createRun(db, { kind, params: {}, labelSource: null, backend: 'js', dataSnapshot: [] });
  finishRun(db, id, {
    featureSchema: {},
    split: null,
    metrics: null,
    backend: 'js',
    threshold: 0.5,
    weights: new Uint8Array(1),
  });
  return id;
}

function flag(runId: number, sessionId: number, score = 0.9): void {
  db.prepare('INSERT INTO scores (run_id, session_id, score, flagged) VALUES (?, ?, ?, 1)').run(
    runId,
    sessionId,
    score,
  );
}

/** A hit of the session's own rule (`suffix` names another one for a second hit). */
function hit(sessionId: number, level: number, suffix = ''): void {
  db.prepare(
    `INSERT OR IGNORE INTO rule_sets (id, source, kind, added_at) VALUES (1, 'pack', 'pack', 0)`,
  ).run();
  const rule = db
    .prepare(`INSERT INTO rules (set_id, rule_id, title, level) VALUES (1, ?, ?, ?)`)
    .run(`r${sessionId}${suffix}`, `Rule ${sessionId}${suffix}`, level).lastInsertRowid;
  db.prepare('INSERT INTO rule_hits (session_id, rule, level, start_ts) VALUES (?, ?, ?, 0)').run(
    sessionId,
    rule,
    level,
  );
}

/** The sessions `flagged:…` selects, by id. */
function matching(text: string): number[] {
  const { sql, params } = whereClause({ clauses: parseFilterOrThrow(text) });
  return (db.prepare(`SELECT id FROM sessions ${sql} ORDER BY id`).pluck().all(params) as number[]).map(
    (id) => ids.indexOf(id),
  );
}

/** The Overview's flagged count from the rollup path (no filter) and the session path (a clause). */
function overviewFlagged(): [number | null, number | null] {
  return [
    kpiSummary(db, {}).flagged,
    kpiSummary(db, { clauses: parseFilterOrThrow('src:10.0.0.0/8') }).flagged,
  ];
}

let rf: number;
let iforest: number;

beforeEach(() => {
  db = openDatabase(path.join(tempDir(), 'set.db'));
  // Session 0: flagged by rf; 1: by iforest; 2: a high rule hit; 3: a low rule hit; 4: nothing.
  ids = insertSessions(
    db,
    [0, 1, 2, 3, 4].map((i) => ({ startTs: 1000 * (i + 1), srcIp: `10.0.0.${i + 1}` })),
  );
  rf = finishedRun('rf');
  iforest = finishedRun('iforest');
  flag(rf, ids[0] as number);
  flag(iforest, ids[1] as number);
  hit(ids[2] as number, 3);
  hit(ids[3] as number, 1);
});
afterEach(() => db.close());

describe('the detection set', () => {
  it('flags by the active run of each kind plus rule hits at high and above, by default', () => {
    expect(readDetectionSet(db)).toEqual({
      runs: [
        { id: rf, kind: 'rf' },
        { id: iforest, kind: 'iforest' },
      ],
      offKinds: [],
      ruleLevel: 'high',
    });
    expect(detectionSetName(readDetectionSet(db))).toBe(`rf #${rf} + iforest #${iforest} + rules ≥ high`);
    expect(matching('flagged:yes')).toEqual([0, 1, 2]);
    expect(matching('flagged:no')).toEqual([3, 4]);
    expect(overviewFlagged()).toEqual([3, 3]);
  });

  it('leaves a kind switched off out, and keeps it off when a new run of it finishes', () => {
    expect(overviewFlagged()).toEqual([3, 3]);
    switchKindOff(db, 'iforest');
    expect(matching('flagged:yes')).toEqual([0, 2]);
    expect(overviewFlagged()).toEqual([2, 2]);
    const later = finishedRun('iforest');
    flag(later, ids[4] as number);
    expect(readDetectionSet(db).runs).toEqual([{ id: rf, kind: 'rf' }]);
    expect(readDetectionSet(db).offKinds).toEqual(['iforest']);
    expect(matching('flagged:yes')).toEqual([0, 2]);
    // Picking one of its runs switches the kind on again.
    setActiveRun(db, later);
    expect(readDetectionSet(db).offKinds).toEqual([]);
    expect(matching('flagged:yes')).toEqual([0, 2, 4]);
    expect(overviewFlagged()).toEqual([3, 3]);
  });

  it('follows the rule level: lower takes more hits in, off takes none', () => {
    setRuleLevel(db, 'low');
    expect(matching('flagged:yes')).toEqual([0, 1, 2, 3]);
    expect(overviewFlagged()).toEqual([4, 4]);
    setRuleLevel(db, 'off');
    expect(readDetectionSet(db).ruleLevel).toBeNull();
    expect(matching('flagged:yes')).toEqual([0, 1]);
    expect(overviewFlagged()).toEqual([2, 2]);
    switchKindOff(db, 'rf');
    switchKindOff(db, 'iforest');
    expect(detectionSetName(readDetectionSet(db))).toBe('nothing (no model on, rules off)');
    // Nothing can flag: the Overview says "no flag count" rather than zero.
    expect(overviewFlagged()).toEqual([null, null]);
  });

  it('refuses a flagged: value other than yes or no', () => {
    expect(() => parseFilterOrThrow('flagged:maybe')).toThrow(/flagged: "maybe" is not one of yes, no/);
  });
});

describe('the Sessions marks and their sorts', () => {
  /** Session positions (0–4) of the first page in this order. */
  const order = (sort: 'score' | 'flagged' | 'ruleHits', direction: 'asc' | 'desc') =>
    sessionPage(db, { filter: {}, sort, direction, offset: 0, limit: 10 }).items.map((s) =>
      ids.indexOf(s.id),
    );

  it('marks each row as the flagged: term does, with the latest active run score and the verdict', () => {
    const action = db
      .prepare(`INSERT INTO audit_actions (at, analyst, kind, summary) VALUES (1, 'ana', 'verdict', 'test')`)
      .run().lastInsertRowid as number;
    prepareVerdictWrite(db).putAll(
      [ids[2] as number],
      { verdict: 'malicious', analyst: 'ana', note: null, at: 1 },
      action,
    );
    const marks = sessionMarks(db, ids);
    // The latest active run is iforest (finished after rf): its scores are the Score column's.
    expect(marks.scoreRun).toEqual({ id: iforest, kind: 'iforest' });
    expect(
      marks.rows.map((row) => [ids.indexOf(row.sessionId), row.flagged, row.score, row.verdict]),
    ).toEqual([
      [0, true, null, null],
      [1, true, 0.9, null],
      [2, true, null, 'malicious'],
      [3, false, null, null],
      [4, false, null, null],
    ]);
    switchKindOff(db, 'rf');
    expect(
      sessionMarks(db, ids)
        .rows.filter((row) => row.flagged)
        .map((row) => ids.indexOf(row.sessionId)),
    ).toEqual(matching('flagged:yes'));
  });

  it('sorts the page by flagged (newest first within each side) and by the latest active run score', () => {
    expect(order('flagged', 'desc')).toEqual([2, 1, 0, 4, 3]);
    expect(order('flagged', 'asc')).toEqual([3, 4, 0, 1, 2]);
    flag(iforest, ids[3] as number, 0.4);
    // Unscored sessions sort as null: last when descending (then by id, as every sort ends).
    expect(order('score', 'desc')).toEqual([1, 3, 4, 2, 0]);
  });

  it('sorts by rule hits: the most severe level first, then how many rules, sessions without hits last', () => {
    hit(ids[3] as number, 1, 'second');
    hit(ids[4] as number, 1);
    // 2: one high; 3: two lows; 4: one low; 0 and 1: none (newest first among equals).
    expect(order('ruleHits', 'desc')).toEqual([2, 3, 4, 1, 0]);
    expect(order('ruleHits', 'asc')).toEqual([0, 1, 4, 3, 2]);
  });
});
