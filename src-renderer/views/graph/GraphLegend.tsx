import type { EdgeWeight, ScoreSource } from '../../../src-shared/graph.js';
import { type ColourMode, legendFor } from './colors.js';
import type { SizeMode } from './graph-model.js';

export function GraphLegend({
  mode,
  size,
  weight,
  scoreSource,
}: {
  mode: ColourMode;
  size: SizeMode;
  weight: EdgeWeight;
  scoreSource: ScoreSource;
}) {
  const measure = weight === 'bytes' ? 'bytes' : 'sessions';
  const caption =
    mode === 'verdict'
      ? 'Colour: most severe verdict on the sessions it originated'
      : scoreSource
        ? `Colour: highest anomaly score of the sessions it originated (run #${scoreSource.runId}, ${scoreSource.kind})`
        : 'Colour: anomaly score — no active model yet, so nothing is scored';
  return (
    <div className="graph-legend" data-testid="graph-legend">
      <p>{caption}</p>
      <ul>
        {legendFor(mode, scoreSource !== null).map((entry) => (
          <li key={entry.label}>
            <span className="swatch" style={{ background: entry.colour }} aria-hidden="true" />
            {entry.label}
          </li>
        ))}
      </ul>
      <p className="muted" data-testid="graph-size-caption">
        {size === 'originated'
          ? `Size: ${measure} it originated (an IP that only receives is a dot)`
          : `Size: ${measure} in and out`}{' '}
        · edge width: weight
      </p>
    </div>
  );
}
