import type { ImportRecord, JobProgress } from '../../../src-shared/domain.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { baseName, countOf, formatCount } from '../../format.js';
import { jobName } from './job-name.js';
import { pageWords } from './page-words.js';

const ACTIVE = new Set(['queued', 'running']);

interface JobRowProps {
  job: JobProgress;
  record: ImportRecord | undefined;
  onCancel: (jobId: string) => void;
}

/** One file's import: live progress while it runs, then what became of its rows. */
export function JobRow({ job, record, onCancel }: JobRowProps) {
  const name = jobName(job);
  const active = ACTIVE.has(job.state);
  const counts = job.counts;
  // The record's message is the whole of it (the error, then what was kept of the import); the
  // job's error alone is all there is when it failed before its import existed.
  const message = record?.message ?? job.error;
  // The import's record says whether the labels were applied (not when the log was skipped as seen before).
  const labels = record ? record.labelsFile : job.labels;
  return (
    <li className="job" data-testid="import-job" data-kind={job.kind} data-state={job.state}>
      <div className="job-head">
        <span className="job-name" title={job.file ?? undefined}>
          {name}
          {labels && (
            <span className="muted" title={labels} data-testid="job-labels">
              {' '}
              · labelled by {baseName(labels)}
            </span>
          )}
        </span>
        <span className={`badge state-${record?.status ?? job.state}`}>{record?.status ?? job.state}</span>
      </div>
      <ProgressBar
        fraction={job.fraction}
        state={job.state}
        label={`Import of ${name}`}
        testId="import-progress"
      />
      {active ? (
        <div className="job-foot">
          <span className="muted" data-testid="job-progress-text">
            {/* Queued behind another import (SQLite has one writer): it has not read anything yet. */}
            {job.state === 'queued'
              ? 'Waiting for the imports before it (one runs at a time)'
              : `${job.fraction === null ? '' : `${Math.round(job.fraction * 100)}% · `}${countOf(counts?.rowsRead ?? 0, 'row')} read`}
          </span>
          <button type="button" className="small" onClick={() => onCancel(job.jobId)}>
            Cancel
          </button>
        </div>
      ) : (
        <div data-testid="import-summary">
          <dl className="summary">
            <div>
              <dt>Stored</dt>
              <dd data-testid="summary-stored">{formatCount(counts?.stored ?? record?.stored)}</dd>
            </div>
            <div>
              <dt>Quarantined</dt>
              <dd data-testid="summary-quarantined">
                {formatCount(counts?.quarantined ?? record?.quarantined)}
              </dd>
            </div>
            <div>
              <dt>Duplicates</dt>
              <dd>{formatCount(counts?.duplicates ?? record?.duplicates)}</dd>
            </div>
            <div>
              <dt>Rows read</dt>
              <dd>{formatCount(counts?.rowsRead ?? record?.rowsRead)}</dd>
            </div>
          </dl>
          {message && <p className="job-message">{pageWords(message)}</p>}
        </div>
      )}
    </li>
  );
}
