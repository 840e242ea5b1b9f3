// "Run rules over all sessions": the `runRules` job, with its progress and a cancel (a cancelled
// run keeps the hits that were stored before it).
import { useState } from 'react';
import { api } from '../../api/index.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { formatCount } from '../../format.js';
import { useJob } from '../../hooks/useJob.js';

export function RunRulesButton({ stale }: { stale: boolean }) {
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { job } = useJob(jobId);
  const running = job?.state === 'running' || (jobId !== null && job === null);
  const start = () => {
    setError(null);
    api.runRules({}).then(
      (started) => setJobId(started.jobId),
      (e: Error) => setError(e.message),
    );
  };
  const counts = job?.rulesRun;
  return (
    <div className="rules-run" data-testid="rules-run">
      <button
        type="button"
        className="primary"
        onClick={start}
        disabled={running}
        data-testid="rules-run-start"
      >
        {running ? 'Running rules…' : 'Run rules over all sessions'}
      </button>
      {stale && !job && (
        <span className="muted" data-testid="rules-stale">
          A set changed since its hits were computed: run the rules to bring the hits up to date.
        </span>
      )}
      {job && (
        <>
          <ProgressBar
            fraction={job.fraction}
            state={job.state}
            label="Rules run progress"
            testId="rules-run-progress"
          />
          <span className="muted" data-testid="rules-run-message">
            {job.error ??
              (counts
                ? `${job.state === 'running' ? 'Running' : job.state}: ${formatCount(counts.sessions)} sessions read, ${formatCount(counts.hits)} hits`
                : job.message)}
          </span>
          {job.state === 'running' && (
            <button
              type="button"
              onClick={() => void api.cancelJob({ jobId: job.jobId })}
              data-testid="rules-run-cancel"
            >
              Cancel
            </button>
          )}
        </>
      )}
      {error && <span className="error-note">{error}</span>}
    </div>
  );
}
