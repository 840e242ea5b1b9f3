// `rules run` jobs: the rule sets over every stored session, in a worker thread, one at a time per
// database (a second request while one runs joins it), with progress and cancel in the registry.
import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { JobProgress } from '../../../src-shared/domain.js';
import type { JobRegistry } from './job-registry.js';
import type { RulesWorkerInput, RulesWorkerMessage } from './rules-protocol.js';
import { startWorker } from './worker-url.js';

export interface RulesJobsOptions {
  dbPath: string;
  registry: JobRegistry;
}

interface Job {
  progress: JobProgress;
  worker: Worker | null;
  cancelRequested: boolean;
}

const count = (n: number) => n.toLocaleString('en-US');

export class RulesJobs {
  private running: Job | null = null;

  constructor(private readonly options: RulesJobsOptions) {}

  start(): string {
    if (this.running) return this.running.progress.jobId;
    const job: Job = {
      worker: null,
      cancelRequested: false,
      progress: {
        jobId: randomUUID(),
        kind: 'rules',
        state: 'running',
        fraction: 0,
        message: 'Running the rules over the stored sessions',
        importId: null,
        counts: null,
        bytesRead: 0,
        bytesTotal: null,
        file: null,
        error: null,
        rulesRun: { sessions: 0, hits: 0 },
      },
    };
    this.running = job;
    this.options.registry.add(job.progress, () => this.cancel(job));
    const input: RulesWorkerInput = { dbPath: this.options.dbPath };
    const worker = startWorker('rules-run.worker', import.meta.url, { workerData: input });
    job.worker = worker;
    let finished = false;
    const finish = (patch: Partial<JobProgress>) => {
      if (finished) return;
      finished = true;
      job.worker = null;
      this.running = null;
      this.update(job, patch);
    };
    worker.on('message', (message: RulesWorkerMessage) => {
      if (message.type === 'progress') {
        const { sessions, total, hits } = message.progress;
        this.update(job, {
          fraction: total > 0 ? Math.min(1, sessions / total) : null,
          message: `${count(sessions)} of ${count(total)} sessions, ${count(hits)} hits`,
          rulesRun: { sessions, hits },
        });
      } else if (message.type === 'done') {
        const { sessions, hits, rules, cancelled } = message.outcome;
        finish(
          cancelled
            ? { state: 'cancelled', message: 'Rules run cancelled; the hits are as they were before it.' }
            : {
                state: 'done',
                fraction: 1,
                message:
                  rules === 0
                    ? `No rule is enabled: 0 hits over ${count(sessions)} sessions`
                    : `${count(rules)} rules over ${count(sessions)} sessions: ${count(hits)} hits`,
                rulesRun: { sessions, hits },
              },
        );
      } else {
        finish({ state: 'failed', error: message.message, message: message.message });
      }
    });
    worker.on('error', (error) => finish({ state: 'failed', error: error.message, message: error.message }));
    worker.on('exit', (code) => {
      const message = `Rules worker stopped (exit ${code})`;
      if (code !== 0) finish({ state: 'failed', error: message, message });
      else finish(job.cancelRequested ? { state: 'cancelled' } : {});
    });
    return job.progress.jobId;
  }

  /** Stops a running worker (on shutdown); the hits stay as they were. */
  async close(): Promise<void> {
    await this.running?.worker?.terminate();
  }

  private cancel(job: Job): boolean {
    if (job.progress.state !== 'running' || !job.worker) return false;
    job.cancelRequested = true;
    job.worker.postMessage({ type: 'cancel' });
    this.update(job, { message: 'Cancelling…' });
    return true;
  }

  private update(job: Job, patch: Partial<JobProgress>): void {
    job.progress = { ...job.progress, ...patch };
    this.options.registry.publish(job.progress);
  }
}
