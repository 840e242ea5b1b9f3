// "Run rules over all sessions": the `runRules` job, with its progress and a cancel (a cancelled
// run leaves the hits as they were before it).
import { useState } from 'react';
import { api } from '../../api/index.js';
import { JobLine } from '../../components/JobLine.js';
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
      {/* The core's own words: a count while running, what the run did, or that the old hits stay. */}
      {job && <JobLine job={job} label="Rules run progress" testId="rules-run" />}
      {error && <span className="error-note">{error}</span>}
    </div>
  );
}
