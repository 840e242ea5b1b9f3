// Threat-type models as the API sees them (issue "Say which attack, not only whether"): what a
// model learns to answer, how a kind of threat is named, and what a multi-class run reports per
// kind beside the majority baseline.
import { z } from 'zod';

/** `malicious`: is the session an attack (two classes). `type`: which kind of threat, benign one of them. */
export const TARGETS = ['malicious', 'type'] as const;
export const Target = z.enum(TARGETS);
export type Target = z.infer<typeof Target>;

/**
 * What a threat-type run does with kinds too rare to learn even merged into `other`: refuse to
 * train (the default), or leave them out of training and testing as unlabelled, naming them.
 */
export const RARE_KIND_CHOICES = ['refuse', 'leave-out'] as const;
export const RareKinds = z.enum(RARE_KIND_CHOICES);
export type RareKinds = z.infer<typeof RareKinds>;

/** The class every threat-type model has: sessions that are no attack. */
export const KIND_BENIGN = 'benign';
/** Where kinds with too few examples to learn and test on are merged. */
export const KIND_OTHER = 'other';

/** A kind's name as stored: lower case, words joined by `_` (`brute_force`, `sql_injection`). */
export const KIND_NAME = /^[a-z0-9][a-z0-9_.-]{0,59}$/;
export const KindName = z.string().regex(KIND_NAME, 'a kind like brute_force (lower case, no spaces)');

/**
 * The stored form of a kind as a label or an analyst typed it ("SQL Injection" → sql_injection);
 * null when nothing of it is left to name a kind.
 */
export function kindName(text: string): string | null {
  const name = text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '_')
    .replace(/^[^a-z0-9]+|_+$/g, '')
    .slice(0, 60);
  return KIND_NAME.test(name) ? name : null;
}

const Rate = z.number();

/**
 * Whether the held-out side judged a kind: `judged`, or not (no held-out session; fewer than
 * MIN_HELD_OUT, src-shared/run-population.ts). A time split often leaves a kind all on the
 * training side; the run still names it on new sessions (src-shared/untested-kinds.ts says so).
 */
export const KIND_TESTING = ['judged', 'none-held-out', 'too-few'] as const;
export const KindTesting = z.enum(KIND_TESTING);
export type KindTesting = z.infer<typeof KindTesting>;

/** One class's held-out figures at the run's decision, beside the majority baseline's. */
export const ClassMetrics = z.object({
  kind: z.string(),
  /** Held-out sessions of this kind. */
  support: z.number().int(),
  /** Whether these judged the kind. Absent on runs before 2026-12-07: read it through kindTesting(). */
  tested: KindTesting.optional(),
  /** Training-side sessions of this kind (0: the model never saw it). */
  trainSupport: z.number().int(),
  /**
   * Those the model was fitted on: the training side's less the validation slice's, which only
   * chose the threshold. Absent on runs before 2026-12-06 (the side is all they kept).
   */
  fitSupport: z.number().int().optional(),
  precision: Rate,
  recall: Rate,
  f1: Rate,
  /** Average precision of this kind's probability, one against the rest; null without held-out examples. */
  prAuc: Rate.nullable(),
  baseline: z.object({ precision: Rate, recall: Rate, f1: Rate, prAuc: Rate.nullable() }),
});
export type ClassMetrics = z.infer<typeof ClassMetrics>;

const Averages = z.object({
  /** Unweighted mean F1 over the kinds with held-out examples. */
  macroF1: Rate,
  /** Mean F1 weighted by each kind's held-out examples. */
  weightedF1: Rate,
  accuracy: Rate,
});

export const KindCount = z.object({ kind: z.string(), sessions: z.number().int() });
export type KindCount = z.infer<typeof KindCount>;

/**
 * A threat-type run's evaluation on the held-out side. The decision is the one scoring stores: a
 * session scoring under the flag threshold is benign, a flagged one gets its most probable kind.
 */
export const MulticlassMetrics = z.object({
  /** Class names by code; code 0 is benign. */
  classes: z.array(z.string()).min(2),
  /** `confusion[truth][predicted]`, in class order. */
  confusion: z.array(z.array(z.number().int())),
  perClass: z.array(ClassMetrics),
  model: Averages,
  /** Always answering the training side's most common class. */
  baseline: Averages.extend({ kind: z.string() }),
  /** Labelled sessions per class, after merging. */
  labelCounts: z.array(KindCount),
  /** Kinds with fewer examples than a model can learn and be tested on, merged into `other`. */
  merged: z.array(KindCount),
  /** Kinds too rare even for `other`, left out of training and testing (params.rareKinds 'leave-out'). */
  leftOut: z.array(KindCount).optional(),
  /** What the per-class figures cannot say, in words (a kind never held out, never trained on). */
  notes: z.array(z.string()),
});
export type MulticlassMetrics = z.infer<typeof MulticlassMetrics>;

/** The Overview's flags by predicted kind: the active threat-type run's flags within the filter. */
export const FlagKinds = z.object({
  /** The active threat-type run (null: none; the panel is then hidden). */
  runId: z.number().int().nullable(),
  kinds: z.array(KindCount),
});
export type FlagKinds = z.infer<typeof FlagKinds>;
