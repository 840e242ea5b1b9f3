// Reads for the feature builder and the label checks. Rows come as raw arrays in time order so a
// pass over millions of sessions allocates no object per session.
import {
  type FieldDef,
  type FieldValue,
  SESSION_FIELDS,
  type SessionField,
} from '../../../src-shared/fields/index.js';
import { readSql } from './field-sql.js';
import type { Db } from './open.js';

// A row is the session's id, the field table's feature inputs (src-shared/fields, `feature`) in
// table order, then the label value as the LabelRead asks for it.
type FeatureNames<T, Acc extends string[] = []> = T extends readonly [infer F, ...infer Rest]
  ? FeatureNames<Rest, F extends { feature: true; name: infer N extends string } ? [...Acc, N] : Acc>
  : Acc;
type FeatureValues<T, Acc extends unknown[] = []> = T extends readonly [infer F, ...infer Rest]
  ? FeatureValues<Rest, F extends FieldDef & { feature: true } ? [...Acc, FieldValue<F>] : Acc>
  : Acc;
type RowNames = ['id', ...FeatureNames<typeof SESSION_FIELDS>, 'label'];
/** Position of each named value in a FeatureRow, as literal types so `row[FEATURE_ROW.x]` is typed. */
type RowIndex<T extends readonly string[]> = {
  [K in keyof T as K extends `${number}` ? T[K] & string : never]: K extends `${infer I extends number}`
    ? I
    : never;
};

export type FeatureRow = [
  id: number,
  ...FeatureValues<typeof SESSION_FIELDS>,
  label: string | number | null,
  ruleLevels: string | null,
];

const FEATURE_FIELDS = SESSION_FIELDS.filter(
  (field: SessionField) => 'feature' in field && field.feature,
) as readonly FieldDef[];

/** Column order of a row from `featureRows`. */
export const FEATURE_ROW = Object.fromEntries(
  ['id', ...FEATURE_FIELDS.map((field) => field.name), 'label'].map((name, at) => [name, at]),
) as RowIndex<RowNames>;

const FEATURE_SELECT = ['s.id', ...FEATURE_FIELDS.map(readSql)];

const RULE_LEVELS_AT = FEATURE_ROW.label + 1;

/**
 * The rule-hit levels of a FeatureRow, read after the label: one digit per hit of the session, its
 * level index (0 informational … 4 critical), or null. Kept out of FEATURE_ROW, whose names are the
 * session's own values.
 */
export function ruleLevelsOf(row: FeatureRow): string | null {
  return (row[RULE_LEVELS_AT] as string | null | undefined) ?? null;
}

// A seek per session on the hits' primary key (session_id, rule); a session has a few hits at most.
const RULE_LEVELS_SQL = `(SELECT group_concat(h.level, '') FROM rule_hits h WHERE h.session_id = s.id)`;

/** Where a session's label value is read: a column (`label`, or an extra column kept from the
 * source file, stored in attr_sets), the analyst's verdict, or the kind of threat a verdict names
 * (`benign` for a benign verdict; nothing for a malicious verdict that names no kind), or the
 * file (else title) of the session's most severe detection-rule hit at `minLevel` (0–4) or above
 * ('' without one). */
export type LabelRead =
  | { type: 'column'; column: string }
  | { type: 'verdicts' }
  | { type: 'verdict-kinds' }
  | { type: 'rule-hits'; minLevel?: number };

function labelExpression(read: LabelRead | null): { sql: string; params: unknown[] } {
  if (read === null) return { sql: 'NULL', params: [] };
  if (read.type === 'verdicts')
    return { sql: '(SELECT v.verdict FROM verdicts v WHERE v.session_id = s.id)', params: [] };
  if (read.type === 'verdict-kinds')
    return {
      sql: `(SELECT CASE v.verdict WHEN 'benign' THEN 'benign' WHEN 'malicious' THEN v.kind END
             FROM verdicts v WHERE v.session_id = s.id)`,
      params: [],
    };
  if (read.type === 'rule-hits')
    return {
      sql: `coalesce((SELECT coalesce(r.file, r.title) FROM rule_hits h JOIN rules r ON r.id = h.rule
             WHERE h.session_id = s.id AND h.level >= ? ORDER BY h.level DESC, r.rule_id LIMIT 1), '')`,
      params: [read.minLevel ?? 0],
    };
  if (read.column === 'label') return { sql: 's.label', params: [] };
  return {
    sql: '(SELECT json_extract(a.json, ?) FROM attr_sets a WHERE a.id = s.attrs_id)',
    params: [`$."${read.column.replaceAll('"', '')}"`],
  };
}

export function hasVerdictsTable(db: Db): boolean {
  return (
    db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'verdicts'`).get() !== undefined
  );
}

// Training and scoring read sessions of finished imports only (db/visibility.ts). The running
// imports are asked inside the same statement, so a pass reads one consistent snapshot of both;
// the probe per row costs about 0.1 s per million sessions, little beside a model pass.
const FINISHED = `s.import_id NOT IN (SELECT id FROM imports WHERE status = 'running')`;

/**
 * Every session in time order (ties by id), as raw arrays; `label` null reads no label, and
 * `ruleHits` false reads no rule-hit levels (null in every row).
 */
export function featureRows(
  db: Db,
  label: LabelRead | null,
  options: { ruleHits?: boolean } = {},
): IterableIterator<FeatureRow> {
  const expression = labelExpression(label);
  return db
    .prepare(
      `SELECT ${FEATURE_SELECT.join(', ')}, ${expression.sql}, ${options.ruleHits ? RULE_LEVELS_SQL : 'NULL'}
       FROM sessions s WHERE ${FINISHED} ORDER BY s.start_ts, s.id`,
    )
    .raw()
    .iterate(...expression.params) as IterableIterator<FeatureRow>;
}

/** True when any session has a detection-rule hit (the rule-hit features are worth reading). */
export function hasRuleHits(db: Db): boolean {
  return db.prepare('SELECT 1 FROM rule_hits LIMIT 1').get() !== undefined;
}

export function sessionCount(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM sessions s WHERE ${FINISHED}`).get() as { n: number }).n;
}

/** How often each label value occurs (NULL included), most frequent first. */
export function labelValueCounts(db: Db, read: LabelRead): { value: string | null; sessions: number }[] {
  const label = labelExpression(read);
  return db
    .prepare(
      `SELECT CAST(${label.sql} AS TEXT) AS value, count(*) AS sessions FROM sessions s WHERE ${FINISHED}
       GROUP BY 1 ORDER BY 2 DESC`,
    )
    .all(...label.params) as { value: string | null; sessions: number }[];
}

export function detectionTypeCounts(db: Db): { value: string | null; sessions: number }[] {
  return db
    .prepare(
      `SELECT detection_type AS value, count(*) AS sessions FROM sessions s WHERE ${FINISHED} GROUP BY 1 ORDER BY 2 DESC`,
    )
    .all() as { value: string | null; sessions: number }[];
}

/** Imports whose sessions a run is trained on: its data snapshot. */
export function completedImportIds(db: Db): number[] {
  return (
    db.prepare(`SELECT id FROM imports WHERE status = 'done' AND stored > 0 ORDER BY id`).all() as {
      id: number;
    }[]
  ).map((row) => row.id);
}
