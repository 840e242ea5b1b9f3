// How the Models view writes metrics and durations.
import type { ModelRun } from '../../../src-shared/models.js';

export const metric = (value: number | null | undefined): string =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(3);

export function duration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

// The run's name is shared with the CLI (src-shared/models.ts).
export { runName } from '../../../src-shared/models.js';

export function labelSourceText(run: ModelRun): string {
  const source = run.labelSource;
  if (!source) return 'none';
  if (source.type === 'column') return `column ${source.column}`;
  if (source.type === 'verdicts') return 'verdicts';
  if (source.type === 'rule-hits')
    return source.level ? `detection-rule hits at ${source.level} or above` : 'detection-rule hits';
  return `detection map (${Object.keys(source.map).length} types)`;
}
