import type { JobProgress } from '../../../src-shared/domain.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { formatBytes, formatCount, formatTimestamp } from '../../format.js';

interface PullProgressPanelProps {
  job: JobProgress;
  /** The group asked for: named even when the pull failed before reporting any progress. */
  logGroup: string;
  onCancel: () => void;
}

const PHASES: Record<string, string> = {
  fetching: 'Fetching events',
  querying: 'Waiting for the Logs Insights query',
  importing: 'Importing',
  done: 'Done',
  cancelled: 'Cancelled',
};

function covered(job: JobProgress): string {
  const detail = job.pull;
  if (!detail || detail.coveredFrom === null || detail.coveredTo === null) return '–';
  return `${formatTimestamp(detail.coveredFrom)} – ${formatTimestamp(detail.coveredTo)}`;
}

/** A running pull: what it has fetched so far, and then what became of the events. */
export function PullProgressPanel({ job, logGroup, onCancel }: PullProgressPanelProps) {
  const running = job.state === 'running' || job.state === 'queued';
  const detail = job.pull;
  const fetched = (detail?.events ?? 0) > 0;
  const phase = job.state === 'failed' ? 'Failed' : detail ? PHASES[detail.phase] : 'Connecting';
  return (
    <section
      className="pull-progress"
      aria-labelledby="cw-progress-title"
      data-testid="cw-job"
      data-state={job.state}
    >
      <div className="job-head">
        <h3 id="cw-progress-title" className="job-name">
          {detail?.logGroup ?? logGroup}
        </h3>
        <span className={`badge state-${job.state}`}>{job.state}</span>
      </div>
      <ProgressBar fraction={job.fraction} state={job.state} label="Pull progress" testId="cw-progress" />
      <p className="muted" aria-live="polite">
        {phase}
        {detail && ` · range ${formatTimestamp(detail.rangeStart)} – ${formatTimestamp(detail.rangeEnd)} UTC`}
      </p>
      {/* A pull refused at its first request has fetched nothing worth a row of zeros. */}
      {(running || fetched) && (
        <dl className="summary">
          <div>
            <dt>Events</dt>
            <dd data-testid="cw-events">{formatCount(detail?.events ?? 0)}</dd>
          </div>
          <div>
            <dt>Received</dt>
            <dd>{formatBytes(detail?.bytes ?? 0)}</dd>
          </div>
          <div>
            <dt>Pages</dt>
            <dd>{formatCount(detail?.pages ?? 0)}</dd>
          </div>
          <div>
            <dt>Covered (UTC)</dt>
            <dd data-testid="cw-covered">{covered(job)}</dd>
          </div>
        </dl>
      )}
      {!running && job.counts && (job.state === 'done' || fetched) && (
        <dl className="summary">
          <div>
            <dt>Sessions stored</dt>
            <dd data-testid="cw-stored">{formatCount(job.counts.stored)}</dd>
          </div>
          <div>
            <dt>Quarantined</dt>
            <dd>{formatCount(job.counts.quarantined)}</dd>
          </div>
          <div>
            <dt>Duplicates</dt>
            <dd>{formatCount(job.counts.duplicates)}</dd>
          </div>
        </dl>
      )}
      {job.error ? (
        <p className="error-note" role="alert" data-testid="cw-job-error">
          {job.error}
        </p>
      ) : (
        !running && (
          <p className="job-message" data-testid="cw-message">
            {job.message}
          </p>
        )
      )}
      {running && (
        <div className="job-foot">
          <span className="muted">
            Closing this dialog does not stop the pull: it stays under Recent jobs.
          </span>
          <button type="button" onClick={onCancel} data-testid="cw-cancel">
            Cancel pull
          </button>
        </div>
      )}
    </section>
  );
}
