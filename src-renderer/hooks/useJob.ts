import { useEffect, useState } from 'react';
import type { JobProgress } from '../../src-shared/domain.js';
import { api } from '../api/index.js';
import { useVigilEvents } from './useVigilEvents.js';

/** One job, kept current by `job-progress` events; null before it is known (or with no id). */
export function useJob(jobId: string | null): { job: JobProgress | null; error: string | null } {
  const [job, setJob] = useState<JobProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  useVigilEvents((event) => {
    if (event.type === 'job-progress' && event.job.jobId === jobId) setJob(event.job);
  });
  useEffect(() => {
    setJob(null);
    setError(null);
    if (jobId === null) return;
    let live = true;
    api
      .jobStatus({ jobId })
      // An event that arrived while asking is newer than the answer: keep it.
      .then((status) => live && setJob((current) => current ?? status))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [jobId]);
  return { job, error };
}
