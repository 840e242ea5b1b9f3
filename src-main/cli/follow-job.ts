// Follows a job the CLI started through the service (import, pull, training, scoring) to its end:
// its progress on a bar, and Ctrl-C or SIGTERM cancels it the way the app's Cancel does.
import type { VigilEvent } from '../../src-shared/api.js';
import type { JobProgress } from '../../src-shared/domain.js';
import type { Core } from '../core/service.js';
import { abortOnSignals } from './cancel-signals.js';
import { createProgressBar } from './progress-bar.js';

const ENDED = new Set<JobProgress['state']>(['done', 'failed', 'cancelled']);

export interface FollowOptions {
  /** The bar's label; no bar when `showProgress` is false (--json, or not a terminal). */
  label: string;
  showProgress: boolean;
  /** What the bar shows beside the fraction. */
  detail?: (job: JobProgress) => string;
  /** Cancels the job when aborted (the CLI's signals by default). */
  cancel?: AbortSignal;
}

/** Resolves with the job's last progress once it has ended (done, failed or cancelled). */
export async function followJob(core: Core, jobId: string, options: FollowOptions): Promise<JobProgress> {
  const bar = createProgressBar(options.label, options.showProgress);
  // Without a caller's signal, Ctrl-C and SIGTERM cancel through one of our own.
  const ownSignals = new AbortController();
  const stopListening = options.cancel ? () => {} : abortOnSignals(ownSignals);
  const cancel = options.cancel ?? ownSignals.signal;
  try {
    return await new Promise<JobProgress>((resolve) => {
      const seen = (job: JobProgress) => {
        bar.update(job.fraction ?? 0, options.detail?.(job) ?? job.message);
        if (!ENDED.has(job.state)) return;
        core.events.off('event', onEvent);
        cancel.removeEventListener('abort', onCancel);
        resolve(job);
      };
      const onEvent = (event: VigilEvent) => {
        if (event.type === 'job-progress' && event.job.jobId === jobId) seen(event.job);
      };
      const onCancel = () => void core.service.cancelJob({ jobId });
      core.events.on('event', onEvent);
      cancel.addEventListener('abort', onCancel);
      if (cancel.aborted) onCancel();
      // It may have ended before we listened.
      void core.service.jobStatus({ jobId }).then(seen, () => {});
    });
  } finally {
    stopListening();
    bar.stop();
  }
}
