import '../styles/sources.css';
// Where every view reads from, always in sight: the local workspace or a registered remote source
// (`vigil source add`, listed in the Import view). Kept in the renderer's store (state/source.ts).
import { chooseSource, useChosenSource } from '../state/source.js';
import { useSources } from '../views/sources/useSources.js';

const LOCAL = '';

export function SourceChooser() {
  const chosen = useChosenSource();
  const sources = useSources();
  const names = (sources.data ?? []).map((source) => source.name);
  // A source removed meanwhile stays listed while chosen, so the select never shows what is not read.
  if (chosen !== null && !names.includes(chosen)) names.push(chosen);
  return (
    <label className={chosen === null ? 'source-chooser' : 'source-chooser remote'}>
      <span className="muted">Data</span>
      <select
        value={chosen ?? LOCAL}
        onChange={(event) => chooseSource(event.target.value === LOCAL ? null : event.target.value)}
        aria-label="Data source"
        title={sources.error ? `Sources could not be listed: ${sources.error.message}` : undefined}
        data-testid="source-chooser"
      >
        <option value={LOCAL}>Local workspace</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name} (ClickHouse)
          </option>
        ))}
      </select>
    </label>
  );
}
