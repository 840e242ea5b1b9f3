// Rule sets (migration 017): which rules are active, where they came from, and whether their hits
// are current. A set keeps its loaded rules (plain data, core/rules/types.ts) as JSON and one row
// per rule, which its hits reference.
import {
  RULE_LEVELS,
  type RuleLevel,
  type RuleRefusalInfo,
  type RuleSetInfo,
  techniquesOf,
  writtenLevel,
} from '../../../src-shared/rules.js';
import { ruleDefinition } from '../rules/rule-definition.js';
import type { SigmaRule } from '../rules/types.js';
import type { Db } from './open.js';
import { hitCountsByRule } from './rule-hits.js';

export type RuleSetKind = RuleSetInfo['kind'];

/** A rule as its set stores it. */
export interface StoredRule {
  ruleId: string;
  title: string;
  /** null: the rule sets no level; stored at informational's rank (see levelIndex). */
  level: RuleLevel | null;
  file: string | null;
  line: number | null;
}

export interface RuleSetRow {
  id: number;
  source: string;
  kind: RuleSetKind;
  enabled: boolean;
  contentHash: string | null;
  appliedHash: string | null;
  rulesJson: string | null;
  refused: RuleRefusalInfo[];
  files: number;
  addedAt: number;
}

interface RawSet {
  id: number;
  source: string;
  kind: RuleSetKind;
  enabled: number;
  contentHash: string | null;
  appliedHash: string | null;
  rulesJson: string | null;
  refusedJson: string;
  files: number;
  addedAt: number;
}

const SET_COLUMNS = `id, source, kind, enabled, content_hash AS contentHash, applied_hash AS appliedHash,
  rules_json AS rulesJson, refused_json AS refusedJson, files, added_at AS addedAt`;

const fromRaw = ({ refusedJson, enabled, ...raw }: RawSet): RuleSetRow => ({
  ...raw,
  enabled: enabled === 1,
  refused: JSON.parse(refusedJson) as RuleRefusalInfo[],
});

/**
 * Whether the database has the rule tables (schema 17 on). Only a test writing as an older schema
 * (test/helpers/older-schema.ts) lacks them; what that version imported had no rule hits.
 */
export function ruleTablesExist(db: Db): boolean {
  return (
    db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rule_hits'`).get() !== undefined
  );
}

/**
 * The rank (0–4) a rule's hits are stored, sorted, filtered (`level:`), flagged and counted at. A
 * rule without a level (optional in Sigma, which gives it no default) ranks with informational,
 * the lowest: its author claimed no severity, so it must not raise a session above any threshold
 * an analyst sets (`level:>=low`, flagging by "rules ≥ low"). Wherever the rule or one of its hits
 * is shown or exported it says "no level" (rules.no_level, src-shared/rules.ts writtenLevel).
 */
export const levelIndex = (level: RuleLevel | null): number =>
  level === null ? 0 : RULE_LEVELS.indexOf(level);

export function ruleSets(db: Db): RuleSetRow[] {
  return (db.prepare(`SELECT ${SET_COLUMNS} FROM rule_sets ORDER BY id`).all() as RawSet[]).map(fromRaw);
}

export function ruleSetBySource(db: Db, source: string): RuleSetRow | null {
  const raw = db.prepare(`SELECT ${SET_COLUMNS} FROM rule_sets WHERE source = ?`).get(source) as
    | RawSet
    | undefined;
  return raw ? fromRaw(raw) : null;
}

export function ruleSetById(db: Db, id: number): RuleSetRow | null {
  const raw = db.prepare(`SELECT ${SET_COLUMNS} FROM rule_sets WHERE id = ?`).get(id) as RawSet | undefined;
  return raw ? fromRaw(raw) : null;
}

/**
 * Stores a loaded set under its source (new, or replacing what it held). When its content changed,
 * the rules that changed or went are replaced, which removes their hits (ON DELETE CASCADE): they
 * are computed again by the next run; the rules that did not change keep their rows and hits. The set is enabled again if it had been removed.
 */
export function saveRuleSet(
  db: Db,
  set: {
    source: string;
    kind: RuleSetKind;
    contentHash: string;
    rulesJson: string;
    rules: readonly StoredRule[];
    refused: readonly RuleRefusalInfo[];
    files: number;
  },
): number {
  return db.transaction(() => {
    const old = ruleSetBySource(db, set.source);
    const refused = JSON.stringify(set.refused);
    if (old && old.contentHash === set.contentHash) {
      db.prepare('UPDATE rule_sets SET enabled = 1, refused_json = ?, files = ? WHERE id = ?').run(
        refused,
        set.files,
        old.id,
      );
      return old.id;
    }
    let id: number;
    // The rules kept as they were (same definition under the same id) keep their rows, and with
    // them their hits: a typo in one file of a folder must not take every other rule's hits away.
    let kept = new Set<string>();
    if (old) {
      id = old.id;
      kept = unchangedRules(old.rulesJson, set.rulesJson);
      const rows = ruleRowIds(db, id);
      const drop = db.prepare('DELETE FROM rules WHERE id = ?');
      for (const [ruleId, row] of rows) if (!kept.has(ruleId)) drop.run(row);
      db.prepare(
        `UPDATE rule_sets SET kind = ?, enabled = 1, content_hash = ?, rules_json = ?, refused_json = ?, files = ?
         WHERE id = ?`,
      ).run(set.kind, set.contentHash, set.rulesJson, refused, set.files, id);
    } else {
      id = Number(
        db
          .prepare(
            `INSERT INTO rule_sets (source, kind, content_hash, rules_json, refused_json, files, added_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(set.source, set.kind, set.contentHash, set.rulesJson, refused, set.files, Date.now())
          .lastInsertRowid,
      );
    }
    const insert = db.prepare(
      'INSERT INTO rules (set_id, rule_id, title, level, no_level, file, line) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    // A kept rule may have moved (another rule above it in its file changed, or its file was renamed).
    const move = db.prepare('UPDATE rules SET file = ?, line = ? WHERE set_id = ? AND rule_id = ?');
    for (const rule of set.rules)
      if (kept.has(rule.ruleId)) move.run(rule.file, rule.line, id, rule.ruleId);
      else
        insert.run(
          id,
          rule.ruleId,
          rule.title,
          levelIndex(rule.level),
          rule.level === null ? 1 : 0,
          rule.file,
          rule.line,
        );
    return id;
  })();
}

/**
 * The ids of the rules that both loads hold with the same definition (core/rules/rule-definition.ts):
 * everything a rule is except where it is written (its file, its lines), which does not change what
 * it matches, and whether its id was derived (a derived id pasted into the rule is the same rule).
 */
function unchangedRules(oldJson: string | null, newJson: string): Set<string> {
  const definitions = (json: string) =>
    new Map((JSON.parse(json) as SigmaRule[]).map((rule) => [rule.id, ruleDefinition(rule)]));
  if (oldJson === null) return new Set();
  const before = definitions(oldJson);
  const kept = new Set<string>();
  for (const [id, definition] of definitions(newJson)) if (before.get(id) === definition) kept.add(id);
  return kept;
}

/** The `rules` row ids of a set, by the rule's own id. */
export function ruleRowIds(db: Db, setId: number): Map<string, number> {
  const rows = db.prepare('SELECT id, rule_id AS ruleId FROM rules WHERE set_id = ?').all(setId) as {
    id: number;
    ruleId: string;
  }[];
  return new Map(rows.map((row) => [row.ruleId, row.id]));
}

/**
 * The set of a log's own detection engine (Suricata), created on first use, and a function that
 * gives the `rules` row of one of its rules, adding it the first time it is seen; null while the
 * analyst has the engine's set turned off (`vigil rules remove suricata`).
 */
export function prepareEngineRules(
  db: Db,
): (engine: string, ruleId: string, title: string, level: RuleLevel) => number | null {
  const sets = new Map<string, number>();
  const rows = new Map<string, number>();
  const off = new Set<string>();
  const findSet = db.prepare(`SELECT id, enabled FROM rule_sets WHERE source = ?`);
  const addSet = db.prepare(`INSERT INTO rule_sets (source, kind, added_at) VALUES (?, 'engine', ?)`);
  const findRule = db.prepare('SELECT id FROM rules WHERE set_id = ? AND rule_id = ?').pluck();
  const addRule = db.prepare('INSERT INTO rules (set_id, rule_id, title, level) VALUES (?, ?, ?, ?)');
  return (engine, ruleId, title, level) => {
    if (off.has(engine)) return null;
    let setId = sets.get(engine);
    if (setId === undefined) {
      const found = findSet.get(engine) as { id: number; enabled: number } | undefined;
      if (found?.enabled === 0) {
        off.add(engine);
        return null;
      }
      setId = found?.id ?? Number(addSet.run(engine, Date.now()).lastInsertRowid);
      sets.set(engine, setId);
    }
    const key = `${setId}\u0000${ruleId}`;
    let row = rows.get(key);
    if (row === undefined) {
      row =
        (findRule.get(setId, ruleId) as number | undefined) ??
        Number(addRule.run(setId, ruleId, title, levelIndex(level)).lastInsertRowid);
      rows.set(key, row);
    }
    return row;
  };
}

/**
 * Turns a set off: its hits go (its rules stay, so adding it back is cheap). The pack stays
 * registered as off, so it is not loaded again behind the analyst's back.
 */
export function disableRuleSet(db: Db, id: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM rule_hits WHERE rule IN (SELECT id FROM rules WHERE set_id = ?)').run(id);
    db.prepare('UPDATE rule_sets SET enabled = 0, applied_hash = NULL WHERE id = ?').run(id);
  })();
}

/** Turns an engine's set (Suricata) on again: imports from now on record its alerts as hits. */
export function enableEngineSet(db: Db, id: number): void {
  db.prepare(`UPDATE rule_sets SET enabled = 1 WHERE id = ? AND kind = 'engine'`).run(id);
}

/** Records that the set's stored hits were computed from this content. */
export function markApplied(db: Db, id: number, contentHash: string | null): void {
  db.prepare('UPDATE rule_sets SET applied_hash = ? WHERE id = ?').run(contentHash, id);
}

/** Every set with its rules and hit counts, for the faces. */
export function ruleSetInfos(db: Db): RuleSetInfo[] {
  return ruleSets(db).map((set) => ruleSetInfo(db, set));
}

/** What ruleSetInfo reads of a stored rule (core/rules/types.ts SigmaRule). */
interface LoadedRule {
  id: string;
  tags?: string[];
  derivedId?: true;
}

export function ruleSetInfo(db: Db, set: RuleSetRow): RuleSetInfo {
  const counts = hitCountsByRule(db, set.id);
  // The tags and a derived id are known from the loaded rules; an engine's rules have neither.
  const loaded = new Map((JSON.parse(set.rulesJson ?? '[]') as LoadedRule[]).map((rule) => [rule.id, rule]));
  const rules = (
    db
      .prepare(
        `SELECT id, rule_id AS ruleId, title, level, no_level AS noLevel FROM rules WHERE set_id = ?
         ORDER BY level DESC, title`,
      )
      .all(set.id) as { id: number; ruleId: string; title: string; level: number; noLevel: number }[]
  ).map((row) => {
    const rule = loaded.get(row.ruleId);
    return {
      ruleId: row.ruleId,
      derivedId: rule?.derivedId === true,
      title: row.title,
      level: writtenLevel(row.level, row.noLevel),
      techniques: techniquesOf(rule?.tags ?? []),
      hits: counts.get(row.id) ?? 0,
    };
  });
  return {
    id: set.id,
    source: set.source,
    kind: set.kind,
    enabled: set.enabled,
    files: set.files,
    rules,
    refused: set.refused,
    hits: rules.reduce((sum, rule) => sum + rule.hits, 0),
    stale: set.kind !== 'engine' && set.enabled && set.appliedHash !== set.contentHash,
    addedAt: set.addedAt,
  };
}
