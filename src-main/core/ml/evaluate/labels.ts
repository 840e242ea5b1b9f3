// Where labels come from, and the refusals that keep a model from "learning" a single class. The
// CloudWatch sample is the cautionary case: every row is `waf_rule`, so a classifier trained on
// detection types scores 100 % by predicting the one class it has ever seen.
import type { LabelSource } from '../../../../src-shared/models.js';
import { RULE_LEVELS, type RuleLevelName } from '../../../../src-shared/rule-levels.js';
import { kindName } from '../../../../src-shared/threat-types.js';
import {
  detectionTypeCounts,
  hasVerdictsTable,
  type LabelRead,
  labelValueCounts,
} from '../../db/feature-rows.js';
import type { Db } from '../../db/open.js';
import { type Labeler, UNLABELLED } from '../../features/index.js';
import { LABEL_HELP, MIN_MINORITY, TrainingRefused } from './refusal.js';

/** Label values read as benign (case-insensitive); any other non-empty value is malicious. */
const BENIGN_VALUES = new Set([
  'benign',
  'normal',
  'clean',
  'legit',
  'legitimate',
  '0',
  'false',
  'no',
  'none',
]);

export function labelClass(value: string | number | null): number {
  if (value === null) return UNLABELLED;
  const text = String(value).trim().toLowerCase();
  if (text === '') return UNLABELLED;
  return BENIGN_VALUES.has(text) ? 0 : 1;
}

export interface ResolvedLabels {
  source: LabelSource;
  /** What the feature pass must read for the labeler (null: detection types, always read). */
  read: LabelRead | null;
  labeler: Labeler;
  counts: { malicious: number; benign: number };
}

/**
 * Parses the CLI form: `column:NAME`, `detection-map:FILE` (read by the caller), `verdicts`,
 * `rule-hits`, or `rules:LEVEL` (rule hits at LEVEL or above).
 */
export function parseLabelSpec(spec: string, readMap: (file: string) => unknown): LabelSource {
  const [type, ...rest] = spec.split(':');
  const arg = rest.join(':');
  if (type === 'column' && arg) return { type: 'column', column: arg };
  if (type === 'verdicts' && !arg) return { type: 'verdicts' };
  if (type === 'rule-hits' && !arg) return { type: 'rule-hits' };
  if (type === 'rules' || type === 'rule-hits') return { type: 'rule-hits', level: ruleLevel(arg) };
  if (type === 'detection-map' && arg)
    return { type: 'detection-map', map: checkMap(readMap(arg), arg), file: arg };
  throw new Error(
    `Unknown --labels "${spec}": use column:NAME, detection-map:FILE, verdicts, rule-hits or rules:LEVEL`,
  );
}

function ruleLevel(written: string): RuleLevelName {
  const level = RULE_LEVELS.find((name) => name === written.toLowerCase());
  if (!level) throw new Error(`--labels rules:LEVEL takes a rule level: ${RULE_LEVELS.join(', ')}`);
  return level;
}

/** How a rule-hit label source reads: hits at its level or above (any hit without a level). */
export function ruleHitRead(source: Extract<LabelSource, { type: 'rule-hits' }>): LabelRead {
  return { type: 'rule-hits', minLevel: source.level ? RULE_LEVELS.indexOf(source.level) : 0 };
}

function checkMap(value: unknown, file: string): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error(
      `${file}: a detection map is a JSON object like {"waf_rule": "malicious", "none": "benign"}`,
    );
  // A kind of threat (brute_force) also says malicious, so one map serves both targets.
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string' || (v !== 'malicious' && v !== 'benign' && kindName(v) !== v))
      throw new Error(
        `${file}: detection type "${key}" maps to ${JSON.stringify(v)}; use "malicious", "benign" or a kind like "brute_force"`,
      );
  }
  return value as Record<string, string>;
}

/**
 * Checks that `source` gives both classes with enough examples and returns the labeler. With no
 * source: the `label` column when the data has labels; for the Isolation Forest, no labels (null)
 * when they are missing or unusable, since it trains without them and is only evaluated with them.
 */
export function resolveLabels(
  db: Db,
  source: LabelSource | undefined,
  supervised: boolean,
): ResolvedLabels | null {
  if (source) return check(db, source);
  const labelled = labelValueCounts(db, LABEL_COLUMN).some((v) => labelClass(v.value) !== UNLABELLED);
  if (labelled) {
    if (supervised) return check(db, { type: 'column', column: 'label' });
    try {
      return check(db, { type: 'column', column: 'label' });
    } catch (error) {
      if (error instanceof TrainingRefused) return null;
      throw error;
    }
  }
  if (!supervised) return null;
  throw new TrainingRefused(noLabelsMessage(detectionTypeCounts(db)));
}

const LABEL_COLUMN: LabelRead = { type: 'column', column: 'label' };

/** Verdicts: 'review' means undecided, so it is no label. */
const verdictClass = (value: string | number | null) =>
  value === 'malicious' ? 1 : value === 'benign' ? 0 : UNLABELLED;

function check(db: Db, source: LabelSource): ResolvedLabels {
  if (source.type === 'verdicts') {
    const read: LabelRead = { type: 'verdicts' };
    const counts = hasVerdictsTable(db)
      ? tally(labelValueCounts(db, read), verdictClass)
      : { malicious: 0, benign: 0 };
    if (counts.malicious + counts.benign === 0)
      throw new TrainingRefused(
        'No analyst verdicts yet: verdicts become labels once analysts mark sessions malicious or benign (Triage view). ' +
          LABEL_HELP,
      );
    refuseUnlearnable(counts, () => `every verdict so far says ${counts.malicious ? 'malicious' : 'benign'}`);
    return { source, read, labeler: (value) => verdictClass(value), counts };
  }
  if (source.type === 'rule-hits') {
    const read = ruleHitRead(source);
    // A hit says malicious; no hit says benign (rule hits as labels, stated as such).
    const classOf = (value: string | null) => (value ? 1 : 0);
    const counts = tally(labelValueCounts(db, read), classOf);
    const hit = source.level ? `detection-rule hit at ${source.level} or above` : 'detection-rule hit';
    refuseUnlearnable(counts, () =>
      counts.malicious
        ? `every session has a ${hit}`
        : `no session has a ${hit} (vigil rules list; vigil rules run)`,
    );
    return { source, read, labeler: (value) => classOf(value === null ? null : String(value)), counts };
  }
  if (source.type === 'column') {
    const read: LabelRead = { type: 'column', column: source.column };
    const values = labelValueCounts(db, read);
    const counts = tally(values, labelClass);
    if (counts.malicious + counts.benign === 0)
      throw new TrainingRefused(
        namesDetectionType(source.column)
          ? detectionTypeColumnMessage(source.column, detectionTypeCounts(db))
          : `No session has a value in column "${source.column}". ${LABEL_HELP}`,
      );
    refuseUnlearnable(
      counts,
      () => `every labelled session has the label "${values.find((v) => v.value)?.value}"`,
    );
    return { source, read, labeler: (label) => labelClass(label), counts };
  }
  const map = source.map;
  const classOf = (type: string | null) =>
    type === null || !(type in map) ? UNLABELLED : map[type] === 'benign' ? 0 : 1;
  const types = detectionTypeCounts(db);
  const counts = tally(types, classOf);
  if (counts.malicious + counts.benign === 0)
    throw new TrainingRefused(
      `The detection map names none of the detection types in this data (${list(types)}). ${LABEL_HELP}`,
    );
  refuseUnlearnable(counts, () => {
    const mapped = types.filter((t) => classOf(t.value) !== UNLABELLED).map((t) => t.value);
    return `every mapped session is ${counts.malicious ? 'malicious' : 'benign'} (detection types ${mapped.join(', ')})`;
  });
  return { source, read: null, labeler: (_label, type) => classOf(type), counts };
}

function tally(values: { value: string | null; sessions: number }[], classOf: (v: string | null) => number) {
  const counts = { malicious: 0, benign: 0 };
  for (const v of values) {
    const c = classOf(v.value);
    if (c === 1) counts.malicious += v.sessions;
    else if (c === 0) counts.benign += v.sessions;
  }
  return counts;
}

function refuseUnlearnable(counts: { malicious: number; benign: number }, oneClass: () => string): void {
  if (counts.malicious === 0 || counts.benign === 0) {
    throw new TrainingRefused(
      `Refusing to train: ${oneClass()} — one class, nothing to learn (a model would score 100 % by always answering that class). ${LABEL_HELP}`,
    );
  }
  const minority = Math.min(counts.malicious, counts.benign);
  if (minority < MIN_MINORITY) {
    const which = counts.malicious < counts.benign ? 'malicious' : 'benign';
    throw new TrainingRefused(
      `Refusing to train: only ${minority} ${which} session${minority === 1 ? '' : 's'} among ${counts.malicious + counts.benign} labelled ones; at least ${MIN_MINORITY} of each class are needed to learn and to evaluate honestly.`,
    );
  }
}

function list(types: { value: string | null; sessions: number }[]): string {
  return types
    .slice(0, 8)
    .map((t) => `${t.value ?? '(none)'}: ${t.sessions}`)
    .join(', ');
}

/**
 * Whether a --labels column names the detection type, which Vigil keeps as its own field rather
 * than as a column of labels: the CloudWatch CSV calls it `detection_types`, and the public
 * notebooks on that data labelled by it.
 */
function namesDetectionType(column: string): boolean {
  return ['detectiontypes', 'detectiontype'].includes(column.toLowerCase().replace(/[^a-z]/g, ''));
}

function detectionTypeColumnMessage(
  column: string,
  types: { value: string | null; sessions: number }[],
): string {
  const field = `"${column}" is the detection-type field (Vigil keeps it as the detection type, filter type:), not a label column`;
  const [only, ...others] = types;
  if (only && others.length === 0)
    return (
      `Refusing to train: ${field}, and every session has the one value ${only.value ?? '(none)'} ` +
      `(${only.sessions} sessions): one class, nothing to learn. ${LABEL_HELP}`
    );
  return `Refusing to train: ${field}; its values (${list(types)}) do not say which sessions are malicious: map them with --labels detection-map:FILE. ${LABEL_HELP}`;
}

function noLabelsMessage(types: { value: string | null; sessions: number }[]): string {
  const total = types.reduce((sum, t) => sum + t.sessions, 0);
  if (total === 0) return 'There are no sessions to train on: import logs first (vigil ingest FILE).';
  const [only, ...others] = types;
  if (only && others.length === 0) {
    return (
      `Refusing to train: every session in this data has detection type ${only.value ?? '(none)'} ` +
      `(${total} sessions) and there is no label column — one class, nothing to learn (a classifier would score 100 % by always answering it; ` +
      `the embedded CloudWatch sample is such data). ${LABEL_HELP}`
    );
  }
  return `Refusing to train: this data has no label column, and detection types (${list(types)}) do not say which sessions are malicious. ${LABEL_HELP}`;
}
