// Feature importances of a run as bars (text, no chart needed for a ranked list).
import { featureName } from '../../../src-shared/feature-names.js';
import type { RunMetrics } from '../../../src-shared/models.js';

export function Importances({ importances }: { importances: NonNullable<RunMetrics['importances']> }) {
  const top = importances.slice(0, 15);
  const largest = Math.max(...top.map((item) => item.importance), 1e-9);
  return (
    <ol className="importances" data-testid="importances">
      {top.map((item) => (
        <li key={item.feature}>
          <span className="why-feature" title={item.feature}>
            {featureName(item.feature)}
          </span>
          <span className="importance-bar" style={{ width: `${(item.importance / largest) * 100}%` }} />
          <span className="num">{item.importance.toFixed(3)}</span>
        </li>
      ))}
    </ol>
  );
}
