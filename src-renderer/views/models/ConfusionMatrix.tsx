// Held-out confusion matrix at the run's threshold: rows are the truth, columns the model's call.
import type { BinaryMetrics } from '../../../src-shared/models.js';
import { formatScore } from '../../../src-shared/score-format.js';
import { formatCount } from '../../format.js';

export function ConfusionMatrix({ metrics }: { metrics: BinaryMetrics }) {
  const { tp, fp, tn, fn } = metrics.confusion;
  // [truth, [cell name, count, whether the model was right]] for the flagged / not flagged columns.
  const rows: [string, [string, number, boolean][]][] = [
    [
      'Malicious',
      [
        ['tp', tp, true],
        ['fn', fn, false],
      ],
    ],
    [
      'Benign',
      [
        ['fp', fp, false],
        ['tn', tn, true],
      ],
    ],
  ];
  return (
    <table className="confusion" data-testid="confusion-matrix">
      <caption>Confusion matrix (test rows, threshold {formatScore(metrics.threshold)})</caption>
      <thead>
        <tr>
          <td />
          <th scope="col">Flagged</th>
          <th scope="col">Not flagged</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([truth, cells]) => (
          <tr key={truth}>
            <th scope="row">{truth}</th>
            {cells.map(([name, count, right]) => (
              <td key={name} className={`num ${right ? 'hit' : 'miss'}`} data-cell={name}>
                {formatCount(count)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
