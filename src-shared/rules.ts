// Detection rules (Sigma) as the faces see them: the rule sets Vigil runs, the refusals of a
// folder load, the hits on a session and the Overview's hit counts (core: core/rules, db/rule-*.ts).
import { z } from 'zod';
import { SessionFilter } from './domain.js';

import { RULE_LEVELS } from './rule-levels.js';

export { RULE_LEVELS };
export const RuleLevel = z.enum(RULE_LEVELS);
export type RuleLevel = z.infer<typeof RuleLevel>;

/** The level at index `n` (0–4): the name of a rank. */
export const levelAt = (n: number): RuleLevel =>
  RULE_LEVELS[Math.max(0, Math.min(4, Math.trunc(n)))] ?? 'low';

/**
 * The level a rule wrote, from the rank its hits are stored at and whether it wrote none (rules.no_level,
 * migration 028): null for a rule without a level, which ranks with informational but must not be
 * said to be informational — its author claimed no severity.
 */
export const writtenLevel = (rank: number, noLevel: number | boolean): RuleLevel | null =>
  noLevel ? null : levelAt(rank);

/** How a rule's or hit's level reads wherever it is shown or printed: its name, or "no level". */
export const levelText = (level: RuleLevel | null): string => level ?? 'no level';

/** The ATT&CK technique ids (`T1190`, `T1110.001`) a rule's Sigma tags name, in their order. */
export function techniquesOf(tags: readonly string[]): string[] {
  const ids: string[] = [];
  for (const tag of tags) {
    const match = /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(tag.trim());
    const id = match?.[1]?.toUpperCase();
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Why a rule of a folder was not loaded: its file, the line its rule starts on, the reason. */
export const RuleRefusalInfo = z.object({
  file: z.string(),
  line: z.number().int(),
  kind: z.enum(['invalid', 'unsupported', 'not-applicable']),
  reason: z.string(),
  ruleId: z.string().nullable(),
  title: z.string().nullable(),
});
export type RuleRefusalInfo = z.infer<typeof RuleRefusalInfo>;

/**
 * A source of rule hits: the pack Vigil ships, a folder the analyst added, or a log's own engine
 * (Suricata alerts). `stale` is true when the set changed since its hits were computed (run
 * `vigil rules run`).
 */
export const RuleSetInfo = z.object({
  id: z.number().int(),
  source: z.string(),
  kind: z.enum(['pack', 'folder', 'engine']),
  enabled: z.boolean(),
  files: z.number().int(),
  rules: z.array(
    z.object({
      /** The rule's id, or one derived from its file and title when it wrote none (`derivedId`). */
      ruleId: z.string(),
      derivedId: z.boolean(),
      title: z.string(),
      /** null: the rule sets no level (optional in Sigma); its hits rank with informational. */
      level: RuleLevel.nullable(),
      /** ATT&CK technique ids from the rule's `attack.tNNNN[.NNN]` tags (T1190, T1110.001), as written. */
      techniques: z.array(z.string()),
      /** Hits on sessions of finished imports. */
      hits: z.number().int(),
    }),
  ),
  refused: z.array(RuleRefusalInfo),
  hits: z.number().int(),
  stale: z.boolean(),
  addedAt: z.number(),
});
export type RuleSetInfo = z.infer<typeof RuleSetInfo>;

/** What loading a folder did. */
export const RuleFolderLoad = z.object({
  set: RuleSetInfo,
  loaded: z.number().int(),
  refused: z.array(RuleRefusalInfo),
});
export type RuleFolderLoad = z.infer<typeof RuleFolderLoad>;

/** A rule that matched a session, with what matched (for highlighting). */
export const SessionRuleHit = z.object({
  ruleId: z.string(),
  title: z.string(),
  /** null: the rule sets no level; the hit ranks with informational (sorting, `level:`, flagging). */
  level: RuleLevel.nullable(),
  /** `pack`, a folder's path, or the engine (`suricata`). */
  source: z.string(),
  field: z.string().nullable(),
  value: z.string().nullable(),
});
export type SessionRuleHit = z.infer<typeof SessionRuleHit>;

export const RuleHitSummaryArgs = z.object({
  filter: SessionFilter.default({}),
  /** Points of the time series at most (the bucket is chosen from the time span). */
  maxPoints: z.number().int().min(1).max(2000).default(120),
  /** Rules listed at most, by hits. */
  topRules: z.number().int().min(1).max(500).default(20),
});

/** Rule hits of the filtered sessions: per level over time, and per rule. */
export const RuleHitSummary = z.object({
  total: z.number().int(),
  /**
   * Hits by the rank they sort at: informational's count includes the hits of rules with no level.
   * `sessions`: the sessions with a hit of that rank, as many as `level:<name>` selects (a session
   * two rules of one level matched is two hits and one session).
   */
  byLevel: z.array(z.object({ level: RuleLevel, hits: z.number().int(), sessions: z.number().int() })),
  /** Of the hits, those of rules that set no level (counted in informational's rank, not said to be informational). */
  noLevelHits: z.number().int(),
  bucketMs: z.number(),
  points: z.array(z.object({ t: z.number(), level: RuleLevel, hits: z.number().int() })),
  byRule: z.array(
    z.object({
      ruleId: z.string(),
      title: z.string(),
      /** null: the rule sets no level (its hits are counted with informational in `byLevel`). */
      level: RuleLevel.nullable(),
      source: z.string(),
      hits: z.number().int(),
    }),
  ),
  /** `hits`: read from the hit table alone (no session filter); `sessions`: through the filtered sessions. */
  source: z.enum(['hits', 'sessions']),
});
export type RuleHitSummary = z.infer<typeof RuleHitSummary>;
