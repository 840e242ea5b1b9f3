import type { VigilEvent } from '../../../src-shared/api.js';
import type { JobProgress } from '../../../src-shared/domain.js';

/** A job-progress event of an import of /logs/big.csv, in the given state. */
export function jobEvent(
  jobId: string,
  state: JobProgress['state'],
  extra: Partial<JobProgress> = {},
): VigilEvent {
  return {
    type: 'job-progress',
    job: {
      jobId,
      kind: 'import',
      state,
      fraction: null,
      message: '282 sessions stored',
      importId: null,
      counts: null,
      bytesRead: 0,
      bytesTotal: null,
      file: '/logs/big.csv',
      error: null,
      ...extra,
    },
  };
}
