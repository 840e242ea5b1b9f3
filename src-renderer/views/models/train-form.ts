// The Train dialog's form as plain data: defaults, and the check that turns it into TrainArgs or
// into problems the analyst can fix (each names the field).
import {
  kindRecord,
  type LabelSource,
  MODEL_KIND_RECORDS,
  type ModelKind,
  type ModelParams,
  type SplitKind,
  TrainArgs,
} from '../../../src-shared/models.js';
import type { RuleLevelName } from '../../../src-shared/rule-levels.js';
import { kindName, type Target } from '../../../src-shared/threat-types.js';

export type LabelMode = 'auto' | 'column' | 'detection-map' | 'verdicts' | 'rule-hits';
export type ParamKey =
  | 'trees'
  | 'maxSamples'
  | 'maxDepth'
  | 'contamination'
  | 'epochs'
  | 'learningRate'
  | 'seed'
  | 'flagRate'
  | 'windowMinutes';

export interface TrainForm {
  kind: ModelKind;
  /** Malicious or not, or which kind of threat (rf and dense). */
  target: Target;
  labelMode: LabelMode;
  column: string;
  /** One `detection type = malicious|benign` per line (a kind instead of malicious for threat types). */
  detectionMap: string;
  /** Rule-hit labels: only hits at this level or above ('' = any hit), as `--labels rules:LEVEL`. */
  ruleLevel: '' | RuleLevelName;
  /** Read the detection-rule hits as features (as the CLI does unless --no-rule-features). */
  ruleFeatures: boolean;
  /** Threat types: leave kinds too rare to learn out of the run instead of refusing (--rare-kinds). */
  leaveOutRareKinds: boolean;
  split: 'auto' | SplitKind;
  params: Partial<Record<ParamKey, string>>;
}

export const PARAM_LABELS: Record<ParamKey, string> = {
  trees: 'Trees',
  maxSamples: 'Samples per tree',
  maxDepth: 'Max depth',
  contamination: 'Contamination',
  epochs: 'Epochs',
  learningRate: 'Learning rate',
  seed: 'Seed',
  flagRate: 'Flag rate (share, 0–1)',
  windowMinutes: 'Behaviour window (minutes)',
};

/** The main parameters of each kind, in the order the dialog shows them. */
export const KIND_PARAMS: Record<ModelKind, ParamKey[]> = {
  iforest: ['trees', 'maxSamples', 'contamination', 'seed'],
  rf: ['trees', 'maxDepth', 'seed'],
  dense: ['epochs', 'learningRate', 'seed'],
  conv1d: ['epochs', 'learningRate', 'seed'],
};

/** Parameters every kind takes, as the CLI's --flag-rate and --window; shown after the kind's own. */
const COMMON_PARAMS: ParamKey[] = ['flagRate', 'windowMinutes'];

export const paramsOf = (kind: ModelKind): ParamKey[] => [...KIND_PARAMS[kind], ...COMMON_PARAMS];

export const KIND_LABELS = Object.fromEntries(
  MODEL_KIND_RECORDS.map((record) => [record.kind, record.label]),
) as Record<ModelKind, string>;

export const defaultTrainForm = (): TrainForm => ({
  kind: 'iforest',
  target: 'malicious',
  labelMode: 'auto',
  column: 'label',
  detectionMap: '',
  ruleLevel: '',
  ruleFeatures: true,
  leaveOutRareKinds: false,
  split: 'auto',
  params: {},
});

export type FormCheck = { ok: true; args: TrainArgs } | { ok: false; problems: string[] };

function parseMap(text: string, problems: string[], target: Target): Record<string, string> {
  const map: Record<string, string> = {};
  // Threat types map detection types to kinds (brute_force); the other target to malicious.
  const valid = (value: string) =>
    value === 'benign' || (target === 'type' ? kindName(value) === value : value === 'malicious');
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const at = line.lastIndexOf('=');
    const key = line.slice(0, Math.max(0, at)).trim();
    const value = line
      .slice(at + 1)
      .trim()
      .toLowerCase();
    if (at < 1 || !key || !valid(value))
      problems.push(
        target === 'type'
          ? `Detection map line ${i + 1}: write "detection type = a kind" (like brute_force) or "= benign"`
          : `Detection map line ${i + 1}: write "detection type = malicious" or "= benign"`,
      );
    else map[key] = value;
  });
  if (!problems.length && Object.keys(map).length === 0)
    problems.push('Detection map: map at least one detection type to a label or benign');
  return map;
}

function labelSource(form: TrainForm, problems: string[]): LabelSource | undefined {
  switch (form.labelMode) {
    case 'auto':
      return undefined;
    case 'verdicts':
      return { type: 'verdicts' };
    case 'rule-hits':
      return form.ruleLevel ? { type: 'rule-hits', level: form.ruleLevel } : { type: 'rule-hits' };
    case 'column':
      if (!form.column.trim()) problems.push('Label column: name the column that holds the labels');
      return { type: 'column', column: form.column.trim() };
    case 'detection-map':
      return { type: 'detection-map', map: parseMap(form.detectionMap, problems, form.target) };
  }
}

export function checkTrainForm(form: TrainForm): FormCheck {
  const problems: string[] = [];
  const labels = labelSource(form, problems);
  const types = kindRecord(form.kind).types;
  if (form.target === 'type' && types !== true) problems.push(`Learn: ${types}`);
  const params: Record<string, number> = {};
  for (const key of paramsOf(form.kind)) {
    const text = form.params[key]?.trim();
    if (!text) continue;
    const value = Number(text);
    if (!Number.isFinite(value)) problems.push(`${PARAM_LABELS[key]}: "${text}" is not a number`);
    else params[key] = value;
  }
  if (problems.length) return { ok: false, problems };
  const parsed = TrainArgs.safeParse({
    kind: form.kind,
    ...(form.target === 'type' ? { target: 'type' } : {}),
    ...(labels ? { labels } : {}),
    ...(form.split !== 'auto' ? { split: form.split } : {}),
    params: {
      ...params,
      // Left out anyway with rule-derived labels (the core says so in the run's metrics).
      ...(form.ruleFeatures || form.labelMode === 'rule-hits' ? {} : { ruleHitFeatures: false }),
      ...(form.target === 'type' && form.leaveOutRareKinds ? { rareKinds: 'leave-out' } : {}),
    } as ModelParams,
  });
  if (parsed.success) return { ok: true, args: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const key = issue.path.at(-1) as ParamKey;
      const field = PARAM_LABELS[key] ?? issue.path.join('.');
      return `${field}: ${issue.message}`;
    }),
  };
}
