// The Train dialog's fields: model kind, where labels come from, the split, the main parameters.
import { MODEL_KINDS } from '../../../src-shared/models.js';
import { RULE_LEVELS } from '../../../src-shared/rule-levels.js';
import { SelectField } from './SelectField.js';
import { KIND_LABELS, type LabelMode, PARAM_LABELS, paramsOf, type TrainForm } from './train-form.js';

const KINDS = MODEL_KINDS.map((kind) => ({ id: kind, label: KIND_LABELS[kind] }));

const LABEL_MODES: { id: LabelMode; label: string }[] = [
  { id: 'auto', label: 'Automatic (the data’s label column, if any)' },
  { id: 'column', label: 'A column of the data' },
  { id: 'detection-map', label: 'Map detection types' },
  { id: 'verdicts', label: 'Analyst verdicts' },
  { id: 'rule-hits', label: 'Detection-rule hits (a hit is an attack, its rule the kind)' },
];

const RULE_LEVEL_CHOICES: { id: TrainForm['ruleLevel']; label: string }[] = [
  { id: '', label: 'Any level' },
  ...RULE_LEVELS.slice(1).map((level) => ({ id: level, label: `${level} or above` })),
];

const TARGETS: { id: TrainForm['target']; label: string }[] = [
  { id: 'malicious', label: 'Malicious or benign' },
  { id: 'type', label: 'Which kind of attack (Random Forest, Dense network)' },
];

const SPLITS: { id: TrainForm['split']; label: string }[] = [
  {
    id: 'auto',
    label: 'Automatic (by time over a day, else by source IP; the next that keeps both classes)',
  },
  { id: 'time', label: 'By time (train on earlier, test on later)' },
  { id: 'ip', label: 'By source IP (no IP on both sides)' },
  { id: 'random', label: 'Stratified random' },
];

// What the core uses for a field left empty (core/ml: forest-detectors, nn/params DEFAULT_PARAMS,
// train/threshold; test/dom/train-dialog checks the network's against DEFAULT_PARAMS).
const PLACEHOLDERS: Record<string, string> = {
  trees: '100',
  maxSamples: '256',
  maxDepth: 'unlimited',
  contamination: 'auto',
  epochs: '30',
  learningRate: '0.001',
  seed: '0',
  flagRate: 'from validation',
  windowMinutes: '60',
};

/** Where a kind's default differs: a network's own seed (its split's is 0); the Isolation
 * Forest's cut follows its contamination (auto: score ≥ 0.5), it has no validation side. */
const KIND_PLACEHOLDERS: Partial<Record<TrainForm['kind'], Record<string, string>>> = {
  iforest: { flagRate: 'from contamination' },
  dense: { seed: '42 (the split: 0)' },
  conv1d: { seed: '42 (the split: 0)' },
};

const placeholderOf = (kind: TrainForm['kind'], key: string) =>
  KIND_PLACEHOLDERS[kind]?.[key] ?? PLACEHOLDERS[key];

interface TrainFieldsProps {
  form: TrainForm;
  onChange: (patch: Partial<TrainForm>) => void;
  disabled: boolean;
}

export function TrainFields({ form, onChange, disabled }: TrainFieldsProps) {
  return (
    <fieldset className="train-fields" disabled={disabled}>
      <SelectField
        label="Model"
        value={form.kind}
        choices={KINDS}
        onChange={(kind) => onChange({ kind })}
        testId="train-kind"
      />
      <SelectField
        label="Learn"
        value={form.target}
        choices={TARGETS}
        onChange={(target) => onChange({ target })}
        testId="train-target"
      />
      <SelectField
        label={`Labels${form.kind === 'iforest' ? ' (used only to evaluate)' : ''}`}
        value={form.labelMode}
        choices={LABEL_MODES}
        onChange={(labelMode) => onChange({ labelMode })}
        testId="train-labels"
      />
      {form.labelMode === 'column' && (
        <label className="field">
          <span>Label column</span>
          <input
            value={form.column}
            onChange={(event) => onChange({ column: event.target.value })}
            data-testid="train-column"
          />
        </label>
      )}
      {form.labelMode === 'detection-map' && (
        <label className="field">
          <span>Detection map, one per line</span>
          <textarea
            rows={4}
            value={form.detectionMap}
            placeholder={
              form.target === 'type'
                ? 'sqli_rule = sql_injection\nscan_rule = port_scan\nallowed = benign'
                : 'port_scan = malicious\nwaf_rule = benign'
            }
            onChange={(event) => onChange({ detectionMap: event.target.value })}
            data-testid="train-map"
          />
        </label>
      )}
      {form.labelMode === 'rule-hits' && (
        <SelectField
          label="Rule hits that count"
          value={form.ruleLevel}
          choices={RULE_LEVEL_CHOICES}
          onChange={(ruleLevel) => onChange({ ruleLevel })}
          testId="train-rule-level"
        />
      )}
      <SelectField
        label="Split"
        value={form.split}
        choices={SPLITS}
        onChange={(split) => onChange({ split })}
        testId="train-split"
      />
      <div className="param-grid">
        {paramsOf(form.kind).map((key) => (
          <label key={key} className="field">
            <span>{PARAM_LABELS[key]}</span>
            <input
              inputMode="decimal"
              value={form.params[key] ?? ''}
              placeholder={placeholderOf(form.kind, key)}
              onChange={(event) => onChange({ params: { ...form.params, [key]: event.target.value } })}
              data-testid={`train-param-${key}`}
            />
          </label>
        ))}
      </div>
      <label className="check-field">
        <input
          type="checkbox"
          checked={form.ruleFeatures && form.labelMode !== 'rule-hits'}
          disabled={form.labelMode === 'rule-hits'}
          onChange={(event) => onChange({ ruleFeatures: event.target.checked })}
          data-testid="train-rule-features"
        />
        <span>
          Detection-rule hits as features
          {form.labelMode === 'rule-hits' && ' (left out: the labels are the rule hits)'}
        </span>
      </label>
      {form.target === 'type' && (
        <label className="check-field">
          <input
            type="checkbox"
            checked={form.leaveOutRareKinds}
            onChange={(event) => onChange({ leaveOutRareKinds: event.target.checked })}
            data-testid="train-leave-out-rare"
          />
          <span>Leave out kinds too rare to learn, even merged into “other” (the run names them)</span>
        </label>
      )}
    </fieldset>
  );
}
