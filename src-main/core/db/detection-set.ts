// The detection set (src-shared/detection-set.ts) in SQL: the one definition of a flagged session
// that the Overview's counts, the Sessions table's column and `flagged:` term, and the reports
// read. The set lives in the database — the active run per kind (model_runs.active) and two
// settings — so every process and every reader worker sees the same set without being told.
import { DEFAULT_RULE_LEVEL, type DetectionSet } from '../../../src-shared/detection-set.js';
import { MODEL_KINDS, type ModelKind } from '../../../src-shared/models.js';
import { RULE_LEVELS, type RuleLevel } from '../../../src-shared/rules.js';
import type { Db } from './open.js';
import { getSetting, setSetting } from './settings.js';

const RULE_LEVEL_KEY = 'detection_rule_level';
export const OFF_KINDS_KEY = 'detection_off_kinds';

// A stored level name as its index (hits store the index); 'off' (or anything else) is one past the
// highest level, so no hit reaches it.
const LEVEL_INDEX_SQL = `coalesce((SELECT CASE value ${RULE_LEVELS.map((level, i) => `WHEN '${level}' THEN ${i}`).join(' ')}
  ELSE ${RULE_LEVELS.length} END FROM settings WHERE key = '${RULE_LEVEL_KEY}'), ${RULE_LEVELS.indexOf(DEFAULT_RULE_LEVEL)})`;

/**
 * The ids of the flagged sessions, for `id IN (…)`: a flag of an active run, or a rule hit at the
 * set's level or above. Pure SQL that reads the set itself, so a filter clause needs no lookup
 * first; served by scores_run_flagged_score and rule_hits_by_level.
 */
export const FLAGGED_IDS_SQL = `SELECT session_id FROM scores WHERE flagged = 1 AND run_id IN
    (SELECT id FROM model_runs WHERE active = 1 AND status = 'done')
  UNION SELECT session_id FROM rule_hits WHERE level >= ${LEVEL_INDEX_SQL}`;

/**
 * Which of a few sessions are flagged: the test of FLAGGED_IDS_SQL asked per session by primary
 * keys, so a page of rows does not build the whole flagged set (200 000 ids at a large import).
 */
export function flaggedAmong(db: Db, ids: readonly number[]): Set<number> {
  const flagged = db
    .prepare(
      `SELECT j.value FROM json_each(?) j
       WHERE EXISTS (SELECT 1 FROM scores WHERE session_id = j.value AND flagged = 1 AND run_id IN
                       (SELECT id FROM model_runs WHERE active = 1 AND status = 'done'))
          OR EXISTS (SELECT 1 FROM rule_hits WHERE session_id = j.value AND level >= ${LEVEL_INDEX_SQL})`,
    )
    .pluck()
    .all(JSON.stringify(ids)) as number[];
  return new Set(flagged);
}

function storedRuleLevel(db: Db): RuleLevel | null {
  const value = getSetting(db, RULE_LEVEL_KEY) ?? DEFAULT_RULE_LEVEL;
  return (RULE_LEVELS as readonly string[]).includes(value) ? (value as RuleLevel) : null;
}

export function offKinds(db: Db): ModelKind[] {
  const stored = JSON.parse(getSetting(db, OFF_KINDS_KEY) ?? '[]') as unknown[];
  return MODEL_KINDS.filter((kind) => stored.includes(kind));
}

/** The set as the screens name it. */
export function readDetectionSet(db: Db): DetectionSet {
  const runs = db
    .prepare(`SELECT id, kind FROM model_runs WHERE active = 1 AND status = 'done' ORDER BY id`)
    .all() as DetectionSet['runs'];
  return { runs, offKinds: offKinds(db), ruleLevel: storedRuleLevel(db) };
}

/**
 * A key that changes whenever the flagged sessions may have: the set, how many flags each run
 * holds and how many hits reach the level (counted from indexes alone). Null while an active run
 * is unfinished (its flags are not final), so nothing is cached from it.
 */
export function flaggedSetKey(db: Db): string | null {
  const active = db.prepare('SELECT id, status FROM model_runs WHERE active = 1 ORDER BY id').all() as {
    id: number;
    status: string;
  }[];
  if (active.some((run) => run.status !== 'done')) return null;
  const flags = db.prepare('SELECT count(*) FROM scores WHERE run_id = ? AND flagged = 1').pluck();
  const runs = active.map((run) => `${run.id}:${flags.get(run.id) as number}`);
  const level = storedRuleLevel(db);
  const hits =
    level === null
      ? 'off'
      : `${level}:${db.prepare('SELECT count(*) FROM rule_hits WHERE level >= ?').pluck().get(RULE_LEVELS.indexOf(level)) as number}`;
  return `${runs.join(',')}#${hits}`;
}

/** Switches a model kind off: its active run steps down, and a run that finishes later stays off. */
export function switchKindOff(db: Db, kind: ModelKind): void {
  db.transaction(() => {
    db.prepare('UPDATE model_runs SET active = 0 WHERE kind = ? AND active = 1').run(kind);
    setSetting(db, OFF_KINDS_KEY, JSON.stringify([...new Set([...offKinds(db), kind])]));
  })();
}

/** Lets a kind flag again (picking one of its runs does this). */
export function switchKindOn(db: Db, kind: ModelKind): void {
  setSetting(db, OFF_KINDS_KEY, JSON.stringify(offKinds(db).filter((off) => off !== kind)));
}

/** Rule hits from `level` up flag their session; 'off': none does. */
export function setRuleLevel(db: Db, level: RuleLevel | 'off'): void {
  setSetting(db, RULE_LEVEL_KEY, level);
}
