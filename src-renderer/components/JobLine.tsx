// A job in one line beside the button that started it: its progress bar, the core's message (or
// error), and Cancel while it runs.
import type { JobProgress } from '../../src-shared/domain.js';
import { api } from '../api/index.js';
import { ProgressBar } from './ProgressBar.js';

export function JobLine({ job, label, testId }: { job: JobProgress; label: string; testId: string }) {
  return (
    <>
      <ProgressBar fraction={job.fraction} state={job.state} label={label} testId={`${testId}-progress`} />
      <span className="muted" data-testid={`${testId}-message`}>
        {job.error ?? job.message}
      </span>
      {job.state === 'running' && (
        <button
          type="button"
          onClick={() => void api.cancelJob({ jobId: job.jobId })}
          data-testid={`${testId}-cancel`}
        >
          Cancel
        </button>
      )}
    </>
  );
}
