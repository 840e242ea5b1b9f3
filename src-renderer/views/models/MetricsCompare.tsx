// The run's metrics beside the majority-class baseline, with the difference the model makes.
import type { RunMetrics } from '../../../src-shared/models.js';
import { metric } from './model-format.js';

const ROWS = [
  ['rocAuc', 'ROC-AUC'],
  ['prAuc', 'PR-AUC'],
  ['precision', 'Precision'],
  ['recall', 'Recall'],
  ['f1', 'F1'],
] as const;

export function MetricsCompare({ metrics }: { metrics: RunMetrics }) {
  return (
    <table className="metrics-compare" data-testid="metrics-compare">
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col" className="num">
            Model
          </th>
          <th scope="col" className="num">
            Majority baseline
          </th>
          <th scope="col" className="num">
            Gain
          </th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map(([key, label]) => {
          const gain = metrics.model[key] - metrics.baseline[key];
          return (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td className="num">{metric(metrics.model[key])}</td>
              <td className="num">{metric(metrics.baseline[key])}</td>
              <td className={`num ${gain > 0 ? 'gain' : gain < 0 ? 'loss' : ''}`}>
                {gain > 0 ? '+' : ''}
                {metric(gain)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
