// A job's progress as the core reports it, for component tests that follow a job.
import type { JobProgress } from '../../src-shared/domain.js';

export function fakeJob(
  jobId: string,
  kind: JobProgress['kind'],
  state: JobProgress['state'],
  extra: Partial<JobProgress> = {},
): JobProgress {
  return {
    jobId,
    kind,
    state,
    fraction: state === 'running' ? 0.4 : 1,
    message: state === 'running' ? 'working' : state,
    importId: null,
    counts: null,
    bytesRead: 0,
    bytesTotal: null,
    file: null,
    error: null,
    ...extra,
  };
}
