// Labels for threat-type models: which kind of threat each session is (benign one of the kinds),
// read from the label column's values, a detection-type map or the analysts' verdicts that name a
// kind. A kind with too few examples to learn and to test on is merged into `other`; if `other`
// is still too small, training is refused with the counts — or, when the analyst asked for it
// (params.rareKinds 'leave-out'), those kinds are left out as unlabelled and the run names them.
// With only one class left, training is refused.
import type { LabelSource } from '../../../../src-shared/models.js';
import {
  KIND_BENIGN,
  KIND_OTHER,
  type KindCount,
  kindName,
  type RareKinds,
} from '../../../../src-shared/threat-types.js';
import {
  detectionTypeCounts,
  hasVerdictsTable,
  type LabelRead,
  labelValueCounts,
} from '../../db/feature-rows.js';
import type { Db } from '../../db/open.js';
import { type Labeler, UNLABELLED } from '../../features/index.js';
import { labelClass, ruleHitRead } from './labels.js';
import { LABEL_HELP, MIN_MINORITY, TrainingRefused } from './refusal.js';

export interface ResolvedKinds {
  source: LabelSource;
  read: LabelRead | null;
  /** Class code per session: 0 benign, 1 … K−1 the kinds in `classes` order; UNLABELLED if none. */
  labeler: Labeler;
  /** Class names by code: benign first, then the kinds, most examples first, `other` last. */
  classes: string[];
  /** Labelled sessions per class, after merging. */
  counts: KindCount[];
  /** Kinds merged into `other`, with their counts. */
  merged: KindCount[];
  /** Kinds too rare even for `other`, left out as unlabelled (rareKinds 'leave-out'). */
  leftOut: KindCount[];
  /** The same labels seen as malicious or not, for the detector-style metrics. */
  binaryCounts: { malicious: number; benign: number };
}

const TYPE_HELP =
  'A threat-type model learns from labels that name the kind of each attack: a label column with values like ' +
  'brute_force or port_scan (benign values stay benign), --labels detection-map:FILE mapping detection types to kinds, ' +
  'or --labels verdicts once analysts have named kinds with their malicious verdicts.';

/** A label value's kind: benign for benign values, the value's stored name otherwise, null if unlabelled. */
export function kindOfValue(value: string | number | null): string | null {
  const binary = labelClass(value);
  if (binary === UNLABELLED) return null;
  if (binary === 0) return KIND_BENIGN;
  return kindName(String(value));
}

export function resolveKinds(
  db: Db,
  given: LabelSource | undefined,
  rareKinds: RareKinds = 'refuse',
): ResolvedKinds {
  const source = given ?? { type: 'column' as const, column: 'label' };
  const { read, values, kindOf, perRow } = readKinds(db, source);
  const tallies = new Map<string, number>();
  for (const v of values) {
    const kind = kindOf(v.value);
    if (kind !== null) tallies.set(kind, (tallies.get(kind) ?? 0) + v.sessions);
  }
  if (tallies.size === 0)
    throw new TrainingRefused(`No session has a label that names a kind of threat. ${TYPE_HELP}`);
  const { classes, counts, merged, leftOut } = mergeRare(tallies, rareKinds);
  const code = new Map<string, number>(classes.map((kind, i) => [kind, i]));
  const mergedNames = new Set(merged.map((m) => m.kind));
  const otherCode = code.get(KIND_OTHER);
  const classOf = (kind: string | null): number => {
    if (kind === null) return UNLABELLED;
    // A kind left out (leftOut) has no code: its sessions are unlabelled, as if never labelled.
    if (mergedNames.has(kind) && otherCode !== undefined) return otherCode;
    return code.get(kind) ?? UNLABELLED;
  };
  // Label values repeat (a handful of kinds over millions of rows): decide each value once.
  const memo = new Map<string | number | null, number>();
  const labeler: Labeler = (value, detectionType) => {
    const key = perRow === 'detection-type' ? detectionType : value;
    let c = memo.get(key);
    if (c === undefined) {
      c = classOf(kindOf(key));
      memo.set(key, c);
    }
    return c;
  };
  const benign = counts.find((c) => c.kind === KIND_BENIGN)?.sessions ?? 0;
  const total = counts.reduce((n, c) => n + c.sessions, 0);
  return {
    source,
    read,
    labeler,
    classes,
    counts,
    merged,
    leftOut,
    binaryCounts: { malicious: total - benign, benign },
  };
}

function readKinds(db: Db, source: LabelSource) {
  if (source.type === 'verdicts') {
    const read: LabelRead = { type: 'verdict-kinds' };
    const values = hasVerdictsTable(db) ? labelValueCounts(db, read) : [];
    return { read, values, kindOf: verdictKind, perRow: 'value' as const };
  }
  if (source.type === 'rule-hits') {
    const read = ruleHitRead(source);
    return { read, values: labelValueCounts(db, read), kindOf: ruleKind, perRow: 'value' as const };
  }
  if (source.type === 'column') {
    const read: LabelRead = { type: 'column', column: source.column };
    return { read, values: labelValueCounts(db, read), kindOf: kindOfValue, perRow: 'value' as const };
  }
  const map = source.map;
  const kindOf = (type: string | number | null): string | null => {
    const mapped = type === null ? undefined : map[String(type)];
    return mapped === undefined ? null : mapped === KIND_BENIGN ? KIND_BENIGN : kindName(mapped);
  };
  return { read: null, values: detectionTypeCounts(db), kindOf, perRow: 'detection-type' as const };
}

/** A rule hit's kind: its rule file's name (`web-sql-injection.yml` → web-sql-injection); no hit: benign. */
const ruleKind = (value: string | number | null): string | null => {
  if (value === null || value === '') return KIND_BENIGN;
  const name = String(value).split(/[\\/]/).pop() ?? '';
  return kindName(name.replace(/\.ya?ml$/i, ''));
};

const verdictKind = (value: string | number | null): string | null =>
  value === null ? null : value === KIND_BENIGN ? KIND_BENIGN : kindName(String(value));

/**
 * Kinds under MIN_MINORITY examples go to `other`; benign cannot be merged. Refuses a benign class
 * under the minimum and labels with a single class, naming every count; an `other` under the
 * minimum is refused too, or left out with `rareKinds` 'leave-out'.
 */
function mergeRare(tallies: Map<string, number>, rareKinds: RareKinds) {
  const all = [...tallies].map(([kind, sessions]) => ({ kind, sessions }));
  const said = all
    .slice()
    .sort((a, b) => b.sessions - a.sessions)
    .map((c) => `${c.kind}: ${c.sessions}`)
    .join(', ');
  const benign = tallies.get(KIND_BENIGN) ?? 0;
  if (all.length === 1) {
    const only = all[0]?.kind ?? KIND_BENIGN;
    throw new TrainingRefused(
      `Refusing to train a threat-type model: every labelled session is ${only} (${said}) — one class, nothing to learn (a model would score 100 % by always answering it). ${TYPE_HELP}`,
    );
  }
  if (benign < MIN_MINORITY)
    throw new TrainingRefused(
      `Refusing to train a threat-type model: ${benign} benign session${benign === 1 ? '' : 's'} (${said}); benign is one of the classes and needs at least ${MIN_MINORITY} examples. ${LABEL_HELP}`,
    );
  const kinds = all.filter((c) => c.kind !== KIND_BENIGN && c.kind !== KIND_OTHER);
  const rare = kinds.filter((c) => c.sessions < MIN_MINORITY);
  const kept = kinds.filter((c) => c.sessions >= MIN_MINORITY).sort((a, b) => b.sessions - a.sessions);
  // A kind literally called `other` in the labels joins the merged ones.
  const otherSessions = rare.reduce((n, c) => n + c.sessions, 0) + (tallies.get(KIND_OTHER) ?? 0);
  const tooFew = otherSessions > 0 && otherSessions < MIN_MINORITY;
  if (tooFew && rareKinds === 'refuse') {
    const names = rare.map((c) => `${c.kind} (${c.sessions})`).join(', ');
    const one = rare.length === 1;
    throw new TrainingRefused(
      `Refusing to train a threat-type model: ${names} ${one ? 'has' : 'have'} fewer than ${MIN_MINORITY} examples, and merged into "${KIND_OTHER}" they make ${otherSessions}, still too few to learn and to test on (labels: ${said}). Label more sessions of ${one ? 'that kind' : 'those kinds'}, map ${one ? 'it' : 'them'} to a larger kind, or leave ${one ? 'it' : 'them'} out of this run (--rare-kinds leave-out; the run names ${one ? 'it' : 'them'}).`,
    );
  }
  // Left out, a kind called `other` in the labels goes with the rare ones.
  const leftOut = tooFew
    ? [
        ...rare,
        ...(tallies.has(KIND_OTHER) ? [{ kind: KIND_OTHER, sessions: tallies.get(KIND_OTHER) ?? 0 }] : []),
      ]
    : [];
  const counts = [{ kind: KIND_BENIGN, sessions: benign }, ...kept];
  if (otherSessions > 0 && !tooFew) counts.push({ kind: KIND_OTHER, sessions: otherSessions });
  if (counts.length < 2)
    throw new TrainingRefused(
      `Refusing to train a threat-type model: only benign sessions are labelled${leftOut.length ? ' once the kinds too rare to learn are left out' : ''} (${said}). ${TYPE_HELP}`,
    );
  return { classes: counts.map((c) => c.kind), counts, merged: tooFew ? [] : rare, leftOut };
}
