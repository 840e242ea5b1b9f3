// Scores every session with a finished run (a job), so Sessions and Triage show its scores.
import { useState } from 'react';
import { api } from '../../api/index.js';
import { JobLine } from '../../components/JobLine.js';
import { formatCount } from '../../format.js';
import { useJob } from '../../hooks/useJob.js';

/** `scored`: sessions the run has scores for already (scoring again replaces them). */
export function ScoreButton({ runId, scored }: { runId: number; scored: number }) {
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { job } = useJob(jobId);
  const running = job?.state === 'running';
  const start = () => {
    setError(null);
    api.scoreSessions({ runId }).then(
      (started) => setJobId(started.jobId),
      (e: Error) => setError(e.message),
    );
  };
  return (
    <div className="score-button">
      <button type="button" onClick={start} disabled={running} data-testid="score-run">
        {running ? 'Scoring…' : scored > 0 ? 'Score all sessions again' : 'Score all sessions'}
      </button>
      {scored > 0 && !job && (
        <span className="muted" data-testid="score-already">
          This run has already scored {formatCount(scored)} {scored === 1 ? 'session' : 'sessions'}; scoring
          again replaces those scores and adds any session imported since.
        </span>
      )}
      {job && <JobLine job={job} label="Scoring progress" testId="score" />}
      {error && <span className="error-note">{error}</span>}
    </div>
  );
}
