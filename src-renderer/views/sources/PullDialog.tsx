import '../../styles/dialog.css';
// Pull into workspace: the matching rows counted by the engine and the row limit before anything
// moves, then the pull as a job (progress, Cancel), then the way back to the local workspace with
// the pulled slice in view (the same filter, over the pulled rows' time range).
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { refusalMessage } from '../../../src-shared/refusal.js';
import { api } from '../../api/index.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { JobLine } from '../../components/JobLine.js';
import { formatCount, formatTimestamp } from '../../format.js';
import { useJob } from '../../hooks/useJob.js';
import { setTimeRange, useGlobalFilter, useSessionFilter } from '../../state/filter.js';
import { chooseSource } from '../../state/source.js';
import { DEFAULT_PULL_LIMIT, localRange as local, pullRange, readLimit } from './pull-range.js';
import { useSourceQuery } from './useSourceQuery.js';

export function PullDialog({ source, onClose }: { source: string; onClose: () => void }) {
  const filter = useSessionFilter();
  const { text: filterText } = useGlobalFilter();
  // The engine's count for this filter: the remote Overview's answer, kept under the same key.
  const counting = useSourceQuery('sourceOverview', { source, filter });
  const count = counting.result;
  const matched = count.data?.kpis ?? null;
  // A refused filter (not even asked: a term only the workspace knows) or a source that is down:
  // said here, or the count would read "counting…" for ever.
  const countError = counting.refusal
    ? refusalMessage(counting.refusal)
    : matched === null && !count.isFetching
      ? (count.error?.message ?? null)
      : null;
  const ref = useRef<HTMLDialogElement>(null);
  const [limitText, setLimitText] = useState(DEFAULT_PULL_LIMIT.toLocaleString('en-US'));
  const [problem, setProblem] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const { job, error: jobError } = useJob(jobId);
  useEffect(() => ref.current?.showModal(), []);

  const limit = readLimit(limitText);
  const range = matched ? pullRange(filter, matched) : null;
  const overLimit = matched !== null && typeof limit === 'number' && matched.sessions > limit;
  const summary = job?.sourcePullSummary;

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (typeof limit !== 'number' || !range) return;
    setProblem(null);
    try {
      setJobId((await api.startSourcePull({ source, filter, ...range, limit })).jobId);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  const showLocal = () => {
    // The pulled rows are the filter's rows in the pulled range: the same filter over it shows them.
    if (summary) setTimeRange(local(summary));
    chooseSource(null);
    ref.current?.close();
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="pull-title"
      onClose={onClose}
      data-testid="pull-dialog"
    >
      <header className="dialog-head">
        <h2 id="pull-title">Pull into workspace</h2>
        <button type="button" className="icon" aria-label="Close" onClick={() => ref.current?.close()}>
          ×
        </button>
      </header>
      <p className="muted dialog-note">
        The matching rows of {source} are imported like a file: validated, de-duplicated, with rules run.
        Models, triage and cases then work on them.
      </p>
      <form className="dialog-body" onSubmit={start} aria-label="Pull settings">
        <dl className="summary">
          <div>
            <dt>Source</dt>
            <dd>{source} (ClickHouse)</dd>
          </div>
          <div>
            <dt>Filter</dt>
            <dd>
              <code>{filterText.trim() || 'every row'}</code>
            </dd>
          </div>
          <div>
            <dt>Range (UTC)</dt>
            <dd data-testid="pull-range">
              {range ? `${formatTimestamp(range.from)} – ${formatTimestamp(range.to)}` : '–'}
            </dd>
          </div>
          <div>
            <dt>Matching rows</dt>
            <dd data-testid="pull-count">
              {matched ? formatCount(matched.sessions) : countError ? 'not counted' : 'counting…'}
            </dd>
          </div>
        </dl>
        <label className="field">
          <span>Row limit (the pull is refused above it)</span>
          <input
            value={limitText}
            inputMode="numeric"
            onChange={(event) => setLimitText(event.target.value)}
            disabled={jobId !== null}
            data-testid="pull-limit"
          />
        </label>
        <ErrorNote message={countError} />
        {typeof limit === 'string' && <ErrorNote message={limit} />}
        {overLimit && (
          <ErrorNote
            message={`${formatCount(matched.sessions)} rows match, more than the limit: narrow the filter or raise the limit.`}
          />
        )}
        {matched?.sessions === 0 && <p className="muted">No row matches this filter: nothing to pull.</p>}
        <ErrorNote message={problem ?? jobError} />
        {job && (
          <div className="job-line" data-testid="pull-job" data-state={job.state}>
            <JobLine job={job} label="Pull progress" testId="pull" />
          </div>
        )}
        {summary?.status === 'done' && (
          <p data-testid="pull-summary">
            {formatCount(summary.counts.stored)} sessions stored in the workspace. The local workspace shows
            them with this filter over {formatTimestamp(local(summary).from)} –{' '}
            {formatTimestamp(local(summary).to)} UTC.
          </p>
        )}
        <footer className="dialog-foot">
          {summary?.status === 'done' ? (
            <button type="button" className="primary" onClick={showLocal} data-testid="pull-show-local">
              Switch to the local workspace
            </button>
          ) : (
            <button
              type="submit"
              className="primary"
              disabled={
                jobId !== null || !range || overLimit || typeof limit !== 'number' || matched?.sessions === 0
              }
              data-testid="pull-start"
            >
              Pull {matched ? formatCount(matched.sessions) : ''} rows
            </button>
          )}
        </footer>
      </form>
    </dialog>
  );
}
