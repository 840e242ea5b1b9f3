// Train and score jobs from the terminal: started through the service like in the app, followed to
// their end (cli/follow-job.ts), and a job that did not finish says why and sets the exit code.
import type { JobProgress } from '../../src-shared/domain.js';
import { CANCELLED_EXIT_CODE } from './cancel-signals.js';
import { warn } from './terminal-text.js';

/** A job that did not finish: its reason on stderr and a non-zero exit code. Returns true then. */
export function reportUnfinished(job: JobProgress, what: string): boolean {
  if (job.state === 'done') return false;
  const reason =
    job.state === 'cancelled' ? `${what} cancelled: nothing was kept.` : (job.error ?? `${what} failed`);
  warn(`vigil: ${reason}`);
  process.exitCode = job.state === 'cancelled' ? CANCELLED_EXIT_CODE : 1;
  return true;
}
