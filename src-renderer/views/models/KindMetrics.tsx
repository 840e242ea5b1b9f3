// A threat-type run's held-out figures per kind, as `vigil models --run` prints them: each kind's
// precision, recall, F1 and PR-AUC beside the majority baseline's, the averages, the K×K
// confusion matrix, and what the figures cannot say (kinds merged into `other` or left out, kinds
// never held out). The run's detector figures above judge flagged or not; these judge the kind it names.

import type { ModelRun } from '../../../src-shared/models.js';
import type { MulticlassMetrics } from '../../../src-shared/threat-types.js';
import { kindTesting, testingCell, untestedInWords } from '../../../src-shared/untested-kinds.js';
import { formatCount } from '../../format.js';
import { metric } from './model-format.js';

export function KindMetrics({ metrics, run }: { metrics: MulticlassMetrics; run: ModelRun }) {
  return (
    <section className="kind-metrics" data-testid="kind-metrics">
      <h3>Per kind, on the held-out sessions (the baseline always answers {metrics.baseline.kind})</h3>
      <UntestedNote run={run} />
      <div className="run-grid">
        <KindTable metrics={metrics} />
        <Averages metrics={metrics} />
      </div>
      <KindConfusion metrics={metrics} />
      {metrics.merged.length > 0 && (
        <p className="muted" data-testid="kind-merged">
          Merged into “other” (fewer than 10 sessions each):{' '}
          {metrics.merged.map((k) => `${k.kind} (${formatCount(k.sessions)})`).join(', ')}.
        </p>
      )}
      {metrics.leftOut && metrics.leftOut.length > 0 && (
        <p className="warn-note" data-testid="kind-left-out">
          Left out of this run, too rare to learn even as “other” (its sessions count as unlabelled):{' '}
          {metrics.leftOut.map((k) => `${k.kind} (${formatCount(k.sessions)})`).join(', ')}.
        </p>
      )}
      {metrics.notes.map((note) => (
        <p key={note} className="warn-note" data-testid="kind-note">
          {note}
        </p>
      ))}
    </section>
  );
}

// The second column: sessions of the kind the model was fitted on. A run stored before that was
// kept (2026-12-06) has only the training side's, which a validation slice may have cut into.
const kindColumns = (fitted: boolean) => [
  'Held out',
  fitted ? 'Fitted on' : 'Training side',
  'Precision',
  'Recall',
  'F1',
  'PR-AUC',
  'Baseline F1',
  'Baseline PR-AUC',
];

/** Above the table, in the words activation uses: the kinds the run names without a test. */
function UntestedNote({ run }: { run: ModelRun }) {
  const said = untestedInWords(run);
  return said ? (
    <p className="warn-note" data-testid="kind-untested">
      {said}
    </p>
  ) : null;
}

/** Column heads over numbers, aligned with them. */
function NumberHeads({ names }: { names: readonly string[] }) {
  return names.map((name) => (
    <th key={name} scope="col" className="num">
      {name}
    </th>
  ));
}

function KindTable({ metrics }: { metrics: MulticlassMetrics }) {
  const fitted = metrics.perClass.every((c) => c.fitSupport !== undefined);
  return (
    <table className="kind-table" data-testid="kind-table">
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <NumberHeads names={kindColumns(fitted)} />
          <th scope="col">Judged</th>
        </tr>
      </thead>
      <tbody>
        {metrics.perClass.map((c) => {
          // A kind with no held-out session has no figure worth a number; one with a handful has
          // figures that judge nothing. Both are muted and the last column says which.
          const testing = kindTesting(c);
          const figure = (value: number | null) => (testing === 'none-held-out' ? '—' : metric(value));
          return (
            <tr
              key={c.kind}
              data-kind={c.kind}
              data-tested={testing}
              className={testing === 'judged' ? undefined : 'muted'}
            >
              <th scope="row">{c.kind}</th>
              <td className="num">{formatCount(c.support)}</td>
              <td className="num">{formatCount(fitted ? c.fitSupport : c.trainSupport)}</td>
              <td className="num">{figure(c.precision)}</td>
              <td className="num">{figure(c.recall)}</td>
              <td className="num">{figure(c.f1)}</td>
              <td className="num">{figure(c.prAuc)}</td>
              <td className="num">{figure(c.baseline.f1)}</td>
              <td className="num">{figure(c.baseline.prAuc)}</td>
              <td>{testingCell(c)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Averages({ metrics }: { metrics: MulticlassMetrics }) {
  const rows = [
    ['Macro F1', metrics.model.macroF1, metrics.baseline.macroF1],
    ['Weighted F1', metrics.model.weightedF1, metrics.baseline.weightedF1],
    ['Accuracy', metrics.model.accuracy, metrics.baseline.accuracy],
  ] as const;
  return (
    <table className="metrics-compare" data-testid="kind-averages">
      <thead>
        <tr>
          <th scope="col">Average</th>
          <NumberHeads names={['Model', 'Majority baseline']} />
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, model, baseline]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className="num">{metric(model)}</td>
            <td className="num">{metric(baseline)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function KindConfusion({ metrics }: { metrics: MulticlassMetrics }) {
  const { classes, confusion } = metrics;
  return (
    <div className="kind-confusion-box">
      <table className="confusion" data-testid="kind-confusion">
        <caption>
          Confusion matrix (held-out sessions; rows: true kind, columns: the kind the run named)
        </caption>
        <thead>
          <tr>
            <td />
            <NumberHeads names={classes} />
          </tr>
        </thead>
        <tbody>
          {confusion.map((row, truth) => (
            <tr key={classes[truth]}>
              <th scope="row">{classes[truth]}</th>
              {row.map((count, named) => {
                const tone = count === 0 ? '' : named === truth ? 'hit' : 'miss';
                return (
                  <td key={classes[named]} className={`num ${tone}`}>
                    {formatCount(count)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
