import type { MappingPreset } from '../../../src-shared/domain.js';
import { FieldError, invalidProps } from './FieldError.js';
import type { FieldName, PullForm, SelectionChoice } from './pull-form.js';
import { RadioChoices } from './RadioChoices.js';
import { TextField } from './TextField.js';

interface SelectionFieldsProps {
  value: Pick<PullForm, 'selection' | 'filterPattern' | 'insightsQuery' | 'preset'>;
  presets: MappingPreset[];
  onChange: (patch: Partial<PullForm>) => void;
  errors: Partial<Record<FieldName, string>>;
}

const CHOICES: { id: SelectionChoice; label: string }[] = [
  { id: 'all', label: 'All events' },
  { id: 'filter', label: 'Filter pattern' },
  { id: 'insights', label: 'Logs Insights query' },
];

/** Which events: all, those matching a filter pattern, or what an Insights query returns; and how to read them. */
export function SelectionFields({ value, presets, onChange, errors }: SelectionFieldsProps) {
  return (
    <fieldset className="field-group">
      <legend>Events</legend>
      <RadioChoices
        name="selection"
        choices={CHOICES}
        value={value.selection}
        onChange={(selection) => onChange({ selection })}
      />
      {value.selection === 'filter' && (
        <TextField
          label="Filter pattern"
          value={value.filterPattern}
          onValue={(filterPattern) => onChange({ filterPattern })}
          placeholder='"REJECT" or { $.action = "BLOCK" }'
          testId="cw-filter"
          error={errors.filterPattern}
        />
      )}
      {value.selection === 'insights' && (
        <label className="field">
          <span>Logs Insights query</span>
          <textarea
            rows={3}
            value={value.insightsQuery}
            spellCheck={false}
            {...invalidProps('cw-insights-error', errors.insightsQuery, 'cw-insights-help')}
            onChange={(event) => onChange({ insightsQuery: event.target.value })}
            data-testid="cw-insights"
          />
          <FieldError id="cw-insights-error" message={errors.insightsQuery} />
          <small id="cw-insights-help" className="field-help">
            CloudWatch runs the query and Vigil imports each row's @message (at most 10 000 rows).
          </small>
        </label>
      )}
      <label className="field">
        <span>Mapping preset</span>
        <select
          value={value.preset}
          onChange={(event) => onChange({ preset: event.target.value })}
          {...invalidProps('cw-preset-error', errors.preset)}
          data-testid="cw-preset"
        >
          <option value="">Detect VPC Flow Logs or AWS WAF JSON</option>
          {presets
            .filter((preset) => preset.format === 'mapped-jsonl')
            .map((preset) => (
              <option key={preset.name} value={preset.name}>
                {preset.name}
              </option>
            ))}
        </select>
        <FieldError id="cw-preset-error" message={errors.preset} />
      </label>
    </fieldset>
  );
}
