// A training job as it runs: live progress and cancel; at the end, the run, or why it was refused.
import type { JobProgress } from '../../../src-shared/domain.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { explainRefusal } from './refusal.js';

interface TrainProgressProps {
  job: JobProgress;
  onCancel: () => void;
}

export function TrainProgress({ job, onCancel }: TrainProgressProps) {
  return (
    <div className="train-progress" data-testid="train-progress" data-state={job.state}>
      {job.state !== 'failed' && (
        <>
          <ProgressBar
            fraction={job.fraction}
            state={job.state}
            label="Training progress"
            testId="train-progress-bar"
          />
          <p className="muted" data-testid="train-message">
            {job.message}
          </p>
        </>
      )}
      {job.state === 'running' && (
        <button type="button" onClick={onCancel} data-testid="train-cancel">
          Cancel training
        </button>
      )}
      {job.state === 'failed' && <TrainFailure message={job.error ?? job.message} />}
      {job.state === 'cancelled' && (
        <p>
          Training was cancelled: no model was kept
          {job.runId ? `; run ${job.runId} stays in the list as cancelled` : ''}.
        </p>
      )}
      {job.state === 'done' && job.runId != null && (
        <p data-testid="train-done">Run {job.runId} is ready: see its metrics in the runs table.</p>
      )}
    </div>
  );
}

export function TrainFailure({ message }: { message: string }) {
  const refusal = explainRefusal(message);
  if (!refusal)
    return (
      <p className="error-note" role="alert" data-testid="train-error">
        Training failed: {message}
      </p>
    );
  return (
    <div className="refusal" role="alert" data-testid="train-refusal">
      <h3>{refusal.title}</h3>
      <p>{refusal.explanation}</p>
      <p>
        <strong>What you can do:</strong> {refusal.remedy}
      </p>
      <p className="muted">{refusal.detail}</p>
    </div>
  );
}
