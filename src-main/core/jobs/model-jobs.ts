import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { JobProgress } from '../../../src-shared/domain.js';
import { endRun } from '../db/model-runs.js';
import type { Db } from '../db/open.js';
import type { TrainRequest } from '../ml/train/train-run.js';
import type { JobRegistry } from './job-registry.js';
import type { ModelWorkerInput, ModelWorkerMessage } from './model-protocol.js';
import { startWorker } from './worker-url.js';

type ModelJobKind = 'train' | 'score';

export interface ModelJobOutcome {
  state: 'done' | 'failed' | 'cancelled';
  runId: number | null;
  error: string | null;
}

interface Job {
  progress: JobProgress;
  /** What was asked, to let an identical second request join. */
  key: string;
  worker: Worker | null;
  done: Promise<ModelJobOutcome>;
}

export interface ModelJobsOptions {
  dbPath: string;
  /** Lets a worker that died (crash, shutdown) leave no run 'training'. */
  db?: Db;
  /** The same through the app's writer thread, so this thread never waits for the write lock. */
  failRun?: (runId: number, message: string) => Promise<void>;
  /** Where the core keeps its jobs and announces their progress. */
  registry: JobRegistry;
}

/**
 * Trains and scores models in worker threads. At most one job of each kind runs per database:
 * two trainings would fight over both cores and the write lock. A second request for the same
 * work joins the running job; a different one is refused with the reason.
 */
export class ModelJobs {
  private readonly jobs = new Map<string, Job>();
  /** Runs being marked failed after their worker died (close waits for them). */
  private readonly cleanUps: Promise<void>[] = [];

  constructor(private readonly options: ModelJobsOptions) {}

  train(request: TrainRequest): string {
    return this.start('train', JSON.stringify(request), {
      type: 'train',
      dbPath: this.options.dbPath,
      request,
    });
  }

  score(runId: number): string {
    return this.start('score', String(runId), { type: 'score', dbPath: this.options.dbPath, runId });
  }

  wait(jobId: string): Promise<ModelJobOutcome> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.reject(new Error(`No job ${jobId}`));
    return job.done;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job?.worker || job.progress.state !== 'running') return false;
    job.worker.postMessage({ type: 'cancel' });
    this.update(job, { message: 'Cancelling…' });
    return true;
  }

  /** Stops running workers (on shutdown), and waits until their runs are marked failed. */
  async close(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((job) => job.worker?.terminate()));
    await Promise.allSettled(this.cleanUps);
  }

  private running(kind: ModelJobKind): Job | undefined {
    return [...this.jobs.values()].find(
      (job) => job.progress.kind === kind && job.progress.state === 'running',
    );
  }

  private start(kind: ModelJobKind, key: string, input: ModelWorkerInput): string {
    const busy = this.running(kind);
    if (busy) {
      if (busy.key === key) return busy.progress.jobId;
      const what = kind === 'train' ? 'A training job' : 'A scoring job';
      throw new Error(
        `${what} is already running on this database (job ${busy.progress.jobId}: ${busy.progress.message}). Wait for it to finish or cancel it first.`,
      );
    }
    const jobId = randomUUID();
    const worker = startWorker(`${kind}.worker`, import.meta.url, { workerData: input });
    let settle!: (outcome: ModelJobOutcome) => void;
    const job: Job = {
      key,
      worker,
      done: new Promise((resolve) => {
        settle = resolve;
      }),
      progress: {
        jobId,
        kind,
        state: 'running',
        fraction: 0,
        message: kind === 'train' ? 'Starting training' : 'Starting scoring',
        importId: null,
        counts: null,
        bytesRead: 0,
        bytesTotal: null,
        file: null,
        error: null,
        runId: input.type === 'score' ? input.runId : null,
      },
    };
    this.jobs.set(jobId, job);
    this.options.registry.add(job.progress, () => this.cancel(jobId));
    let finished = false;
    const finish = (state: ModelJobOutcome['state'], patch: Partial<JobProgress>) => {
      if (finished) return;
      finished = true;
      job.worker = null;
      this.update(job, { ...patch, state, fraction: state === 'done' ? 1 : job.progress.fraction });
      settle({ state, runId: job.progress.runId ?? null, error: job.progress.error });
    };
    worker.on('message', (message: ModelWorkerMessage) => {
      switch (message.type) {
        case 'run':
          this.update(job, { runId: message.runId });
          break;
        case 'progress':
          this.update(job, { fraction: message.fraction, message: message.message });
          break;
        case 'done':
          finish('done', { runId: message.runId, message: message.message });
          break;
        case 'cancelled':
          // What a cancel leaves differs by job (the CLI and the Models view say it): not "nothing".
          finish('cancelled', { message: 'Cancelled' });
          break;
        case 'error':
          finish('failed', { error: message.message, message: message.message });
          break;
      }
    });
    worker.on('error', (error) => finish('failed', { error: error.message, message: error.message }));
    worker.on('exit', (code) => {
      if (finished) return;
      const message = `${kind === 'train' ? 'Training' : 'Scoring'} worker stopped (exit ${code})`;
      this.cleanUp(kind, job.progress.runId ?? null, message);
      finish('failed', { error: message, message });
    });
    return jobId;
  }

  private cleanUp(kind: ModelJobKind, runId: number | null, message: string): void {
    // A scoring pass that died left its staging with its connection: the run keeps its old scores.
    if (kind !== 'train' || runId === null) return;
    const { db, failRun } = this.options;
    // If this fails too, the next open marks the run interrupted (interruptOrphanedRuns).
    if (failRun) this.cleanUps.push(failRun(runId, message).catch(() => {}));
    else if (db?.open) endRun(db, runId, 'failed', message);
  }

  private update(job: Job, patch: Partial<JobProgress>): void {
    job.progress = { ...job.progress, ...patch };
    this.emit(job);
  }

  private emit(job: Job): void {
    this.options.registry.publish(job.progress);
  }
}
