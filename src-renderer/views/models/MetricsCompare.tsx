// The run's metrics beside the majority-class baseline, with the difference the model makes. A
// gain is green only when it means something (src-shared/metric-gain.ts); a hollow one is plain,
// marked, and its reason is written under the table.
import { type MetricKey, metricGain } from '../../../src-shared/metric-gain.js';
import type { RunMetrics } from '../../../src-shared/models.js';
import { metric } from './model-format.js';

const ROWS: readonly (readonly [MetricKey, string])[] = [
  ['rocAuc', 'ROC-AUC'],
  ['prAuc', 'PR-AUC'],
  ['precision', 'Precision'],
  ['recall', 'Recall'],
  ['f1', 'F1'],
];

export function MetricsCompare({ metrics }: { metrics: RunMetrics }) {
  const rows = ROWS.map(([key, label]) => ({ key, label, ...metricGain(key, metrics) }));
  const hollow = rows.filter((row) => row.tone === 'hollow');
  return (
    <>
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
          {rows.map(({ key, label, gain, tone, reason }) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td className="num">{metric(metrics.model[key])}</td>
              <td className="num">{metric(metrics.baseline[key])}</td>
              <td className={`num ${tone}`} data-tone={tone} title={reason ?? undefined}>
                {gain > 0 ? '+' : ''}
                {metric(gain)}
                {tone === 'hollow' && '*'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {hollow.length > 0 && (
        <p className="muted hollow-gains" data-testid="hollow-gains">
          * Not a gain: {hollow.map((row) => `${row.label}: ${row.reason}`).join('; ')}.
        </p>
      )}
    </>
  );
}
