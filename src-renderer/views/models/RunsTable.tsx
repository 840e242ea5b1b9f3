// Every model run, newest first: each metric beside the majority-class baseline, so the analyst
// sees what the model adds over "always answer the common class".
import { Fragment } from 'react';
import { scoreCommand } from '../../../src-shared/detection-set.js';
import type { ModelRun } from '../../../src-shared/models.js';
import { formatCount, formatTimestamp } from '../../format.js';
import { duration, labelSourceText, metric, runName } from './model-format.js';

interface RunsTableProps {
  runs: ModelRun[];
  selected: number | null;
  onSelect: (id: number) => void;
  onActivate: (id: number) => void;
}

function Versus({ model, baseline }: { model: number | undefined; baseline: number | undefined }) {
  return (
    <>
      {/* Breaks, when the table is short of room, only before the slash: the baseline goes under. */}
      <strong>{metric(model)}</strong>{' '}
      <span className="muted">
        /{'\u00a0'}
        {metric(baseline)}
      </span>
    </>
  );
}

export function RunsTable({ runs, selected, onSelect, onActivate }: RunsTableProps) {
  return (
    <div className="table-wrap">
      <table className="runs-table" data-testid="runs-table">
        <caption className="visually-hidden">Model runs; each metric as model / majority baseline</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Model</th>
            <th scope="col">Status</th>
            <th scope="col">Trained (UTC)</th>
            <th scope="col" className="num" title="Model / majority baseline">
              ROC-AUC
            </th>
            <th scope="col" className="num" title="Model / majority baseline">
              PR-AUC
            </th>
            <th scope="col" className="num" title="Model / majority baseline">
              F1
            </th>
            <th scope="col">Labels (malicious / benign)</th>
            <th scope="col">Split</th>
            <th scope="col">Backend</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="num">
              Flagged
            </th>
            <th scope="col">Active</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const m = run.metrics;
            return (
              <tr
                key={run.id}
                aria-selected={run.id === selected}
                data-testid="run-row"
                data-run-id={run.id}
                data-status={run.status}
                onClick={() => onSelect(run.id)}
              >
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => onSelect(run.id)}
                    data-testid={`run-open-${run.id}`}
                  >
                    #{run.id}
                  </button>
                </td>
                <td className="wrap">{runName(run)}</td>
                <td title={run.message ?? undefined}>{run.status}</td>
                <td className="wrap">
                  {/* Breaks between the date and the time, never inside either. */}
                  {formatTimestamp(run.createdAt)
                    .split(' ')
                    .map((part, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the date and the time, in order.
                      <Fragment key={i}>
                        {i > 0 && ' '}
                        <span className="nowrap">{part}</span>
                      </Fragment>
                    ))}
                </td>
                <td className="num wrap" data-testid="run-roc">
                  {m ? <Versus model={m.model.rocAuc} baseline={m.baseline.rocAuc} /> : '–'}
                </td>
                <td className="num wrap">
                  {m ? <Versus model={m.model.prAuc} baseline={m.baseline.prAuc} /> : '–'}
                </td>
                <td className="num wrap">
                  {m ? <Versus model={m.model.f1} baseline={m.baseline.f1} /> : '–'}
                </td>
                <td className="wrap labels">
                  {m
                    ? `${formatCount(m.labelCounts.malicious)}\u00a0/\u00a0${formatCount(m.labelCounts.benign)}`
                    : '–'}{' '}
                  <span className="muted">{labelSourceText(run)}</span>
                </td>
                <td>{run.split ?? '–'}</td>
                <td>{run.backend}</td>
                <td className="num">{duration(run.durationMs)}</td>
                <td className="num">
                  {run.scoredSessions ? (
                    `${formatCount(run.flaggedSessions)} of ${formatCount(run.scoredSessions)}`
                  ) : run.status === 'done' ? (
                    <span className="muted" title={`Flags come from scores: ${scoreCommand(run)}`}>
                      not scored
                    </span>
                  ) : (
                    '–'
                  )}
                </td>
                <td>
                  {run.active ? (
                    <span className="badge state-done">active</span>
                  ) : run.status === 'done' ? (
                    <button
                      type="button"
                      onClick={(event) => {
                        event.stopPropagation();
                        onActivate(run.id);
                      }}
                      data-testid={`run-activate-${run.id}`}
                    >
                      Set active
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
