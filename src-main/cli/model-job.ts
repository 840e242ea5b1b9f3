// Train and score jobs from the terminal: started through the service like in the app, followed to
// their end (cli/follow-job.ts), and a job that did not finish says why and sets the exit code.
import type { JobProgress } from '../../src-shared/domain.js';
import { CANCELLED_EXIT_CODE } from './cancel-signals.js';
import { warn } from './terminal-text.js';

/**
 * A job that did not finish: its reason on stderr and a non-zero exit code. Returns true then.
 * `cancelled` says what a cancel left (each job keeps something different: a cancelled training
 * run stays listed, a scoring pass leaves the run's earlier scores, a rules run the earlier hits).
 */
export function reportUnfinished(job: JobProgress, what: string, cancelled: string): boolean {
  if (job.state === 'done') return false;
  const reason =
    job.state === 'cancelled' ? `${what} cancelled: ${cancelled}.` : (job.error ?? `${what} failed`);
  warn(`vigil: ${reason}`);
  process.exitCode = job.state === 'cancelled' ? CANCELLED_EXIT_CODE : 1;
  return true;
}
