// An OS notification when a long import or pull ends while the analyst is in another window: the
// point of running it in the background is that they did not have to watch it.
import type { EventEmitter } from 'node:events';
import type { VigilEvent } from '../../src-shared/api.js';
import type { JobProgress } from '../../src-shared/domain.js';

/** Jobs shorter than this end before anyone has looked away; no notification for them. */
export const LONG_JOB_MS = 10_000;

export interface JobNotifierOptions {
  isFocused(): boolean;
  notify(title: string, body: string): void;
  now?: () => number;
  longJobMs?: number;
}

function message(job: JobProgress): { title: string; body: string } | null {
  const what = job.kind === 'pull' ? 'CloudWatch pull' : 'Import';
  const name = job.file ?? job.message;
  if (job.state === 'done') return { title: `${what} finished`, body: `${name}: ${job.message}` };
  if (job.state === 'failed')
    return { title: `${what} failed`, body: `${name}: ${job.error ?? job.message}` };
  return null; // cancelled: the analyst did that themselves
}

export function notifyWhenLongJobsEnd(
  events: EventEmitter<{ event: [VigilEvent] }>,
  options: JobNotifierOptions,
): () => void {
  const now = options.now ?? (() => Date.now());
  const longJobMs = options.longJobMs ?? LONG_JOB_MS;
  const firstSeen = new Map<string, number>();
  const onEvent = (event: VigilEvent) => {
    if (event.type !== 'job-progress') return;
    const { job } = event;
    // A job first seen as it ends began now: too short to notify.
    const began = firstSeen.get(job.jobId) ?? now();
    if (job.state === 'queued' || job.state === 'running') {
      firstSeen.set(job.jobId, began);
      return;
    }
    firstSeen.delete(job.jobId);
    const text = message(job);
    if (text && now() - began >= longJobMs && !options.isFocused()) options.notify(text.title, text.body);
  };
  events.on('event', onEvent);
  return () => events.off('event', onEvent);
}
