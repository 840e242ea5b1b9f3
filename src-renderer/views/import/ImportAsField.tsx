import { FORMAT_IDS, type FormatId, type MappingPreset } from '../../../src-shared/domain.js';

// These read nothing without a mapping or a format string: a saved preset gives them one.
const NEEDS_PRESET = new Set<FormatId>(['mapped-csv', 'mapped-jsonl', 'log-format']);
const FORMATS = FORMAT_IDS.filter((id) => !NEEDS_PRESET.has(id));

/** '' (detect), 'format:ID' or 'preset:NAME'. */
export type ImportAs = string;

/** What `importFiles` takes for the choice: the page's `--format` / `--map`. */
export function importAsArgs(choice: ImportAs): { format?: FormatId; preset?: string } {
  if (choice.startsWith('format:')) return { format: choice.slice('format:'.length) as FormatId };
  if (choice.startsWith('preset:')) return { preset: choice.slice('preset:'.length) };
  return {};
}

interface ImportAsFieldProps {
  value: ImportAs;
  presets: MappingPreset[];
  onChange: (value: ImportAs) => void;
}

/**
 * How the files chosen or dropped next are read: detected, as a named format (a log the detector
 * misses), or by a saved preset (a CSV/JSON lines column mapping, or a web server's log format).
 */
export function ImportAsField({ value, presets, onChange }: ImportAsFieldProps) {
  return (
    <label className="field import-as">
      <span>Import as</span>
      <select value={value} onChange={(event) => onChange(event.target.value)} data-testid="import-as">
        <option value="">Detect the format</option>
        <optgroup label="Format">
          {FORMATS.map((id) => (
            <option key={id} value={`format:${id}`}>
              {id}
            </option>
          ))}
        </optgroup>
        <optgroup label={presets.length ? 'Saved preset' : 'Saved preset (none: vigil preset save)'}>
          {presets.map((preset) => (
            <option key={preset.name} value={`preset:${preset.name}`}>
              {preset.name} ({preset.format} preset)
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}
