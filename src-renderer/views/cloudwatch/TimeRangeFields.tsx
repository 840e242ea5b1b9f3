import { formatTimestamp } from '../../format.js';
import { FieldError, invalidProps } from './FieldError.js';
import type { FieldName, PullForm, RangeChoice } from './pull-form.js';
import { RadioChoices } from './RadioChoices.js';

interface TimeRangeFieldsProps {
  value: Pick<PullForm, 'range' | 'from' | 'to'>;
  /** Newest event Vigil already has from the chosen group, if it knows the group. */
  lastPulled: number | null | undefined;
  onChange: (patch: Partial<PullForm>) => void;
  errors: Partial<Record<FieldName, string>>;
}

const CHOICES: { id: RangeChoice; label: string }[] = [
  { id: '1h', label: 'Last hour' },
  { id: '24h', label: 'Last 24 hours' },
  { id: '7d', label: 'Last 7 days' },
  { id: 'custom', label: 'Custom' },
  { id: 'new', label: 'New since last pull' },
];

function newSinceHint(lastPulled: number | null | undefined): string {
  if (lastPulled === undefined) return '';
  return lastPulled === null
    ? ' (never pulled: the last 24 hours)'
    : ` (after ${formatTimestamp(lastPulled)})`;
}

const ENDS = [
  { key: 'from', label: 'From (UTC)' },
  { key: 'to', label: 'To (UTC)' },
] as const;

export function TimeRangeFields({ value, lastPulled, onChange, errors }: TimeRangeFieldsProps) {
  return (
    <fieldset className="field-group">
      <legend>Time range</legend>
      <RadioChoices
        name="range"
        choices={CHOICES}
        value={value.range}
        onChange={(range) => onChange({ range })}
        hint={(id) => id === 'new' && <span className="muted">{newSinceHint(lastPulled)}</span>}
      />
      {value.range === 'custom' && (
        <div className="field-row">
          {ENDS.map((end) => (
            <label key={end.key} className="field">
              <span>{end.label}</span>
              <input
                type="datetime-local"
                value={value[end.key]}
                onChange={(event) => onChange({ [end.key]: event.target.value })}
                {...invalidProps(`cw-${end.key}-error`, errors[end.key])}
                data-testid={`cw-${end.key}`}
              />
              <FieldError id={`cw-${end.key}-error`} message={errors[end.key]} />
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
