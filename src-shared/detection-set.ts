// The detection set: what "flagged" means in every view, count and colour. A session is flagged
// when the active run of a model kind that is switched on flagged it, or when a detection rule at
// or above the set's level hit it. The core computes it in one place (core/db/detection-set.ts);
// every screen names it with `detectionSetName`, so a count always says what it counts.
import { z } from 'zod';
import { ModelKind } from './models.js';
import { RuleLevel } from './rules.js';

export const DetectionSet = z.object({
  /** The active runs (one per kind that is on). */
  runs: z.array(z.object({ id: z.number().int(), kind: ModelKind })),
  /** Kinds the analyst switched off: none of their runs flags, and a new run does not switch them on. */
  offKinds: z.array(ModelKind),
  /** Rule hits at or above this level flag their session; null: rule hits do not flag. */
  ruleLevel: RuleLevel.nullable(),
});
export type DetectionSet = z.infer<typeof DetectionSet>;

/** Rule hits flag their session at this level and above until the analyst picks another. */
export const DEFAULT_RULE_LEVEL: RuleLevel = 'high';

export const ChangeDetectionSetArgs = z.union([
  /** Switches a kind off (its active run steps down); picking one of its runs switches it on. */
  z.object({ kindOff: ModelKind }),
  /** Rule hits from this level up flag their session; 'off': rule hits flag nothing. */
  z.object({ ruleLevel: z.union([RuleLevel, z.literal('off')]) }),
]);
export type ChangeDetectionSetArgs = z.infer<typeof ChangeDetectionSetArgs>;

/** The set in a few words, for every place that shows a flag count: "rf #12 + rules ≥ high". */
export function detectionSetName(set: DetectionSet): string {
  const parts = set.runs.map((run) => `${run.kind} #${run.id}`);
  if (set.ruleLevel !== null) parts.push(`rules ≥ ${set.ruleLevel}`);
  return parts.length === 0 ? 'nothing (no model on, rules off)' : parts.join(' + ');
}

/** The command that scores a run: where the words for a run that never scored send the analyst. */
export const scoreCommand = (run: { id: number }) => `vigil score --run ${run.id}`;
