// Every job of a core, whatever runs it (file imports, CloudWatch pulls, training, scoring), in one
// place: found, listed and cancelled the same way, and each change of its progress announced once.
// The job classes keep what only they know (workers, queues, aborts) and report here.
import type { JobProgress } from '../../../src-shared/domain.js';

interface Registered {
  progress: JobProgress;
  /** Asks the job's owner to stop it; false when it cannot (already ended). */
  cancel: () => boolean;
}

export class JobRegistry {
  private readonly jobs = new Map<string, Registered>();

  constructor(private readonly announce: (job: JobProgress) => void) {}

  /** A new job, announced as it starts. */
  add(progress: JobProgress, cancel: () => boolean): void {
    this.jobs.set(progress.jobId, { progress, cancel });
    this.announce(progress);
  }

  /** A job's progress as it now is, announced. */
  publish(progress: JobProgress): void {
    const job = this.jobs.get(progress.jobId);
    if (!job) throw new Error(`No job with id ${progress.jobId}`);
    job.progress = progress;
    this.announce(progress);
  }

  get(jobId: string): JobProgress | undefined {
    return this.jobs.get(jobId)?.progress;
  }

  list(): JobProgress[] {
    return [...this.jobs.values()].map((job) => job.progress);
  }

  cancel(jobId: string): boolean {
    return this.jobs.get(jobId)?.cancel() ?? false;
  }
}
