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
  // One line per reason: "Precision, Recall, F1: nine flags in ten…" rather than three repeats.
  const hollow = new Map<string, string[]>();
  for (const row of rows)
    if (row.tone === 'hollow' && row.reason)
      hollow.set(row.reason, [...(hollow.get(row.reason) ?? []), row.label]);
  return (
    <div className="metrics-compare-box">
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
      {hollow.size > 0 && (
        <p className="muted hollow-gains" data-testid="hollow-gains">
          * Not a gain: {[...hollow].map(([reason, labels]) => `${labels.join(', ')}: ${reason}`).join('; ')}.
        </p>
      )}
    </div>
  );
}
