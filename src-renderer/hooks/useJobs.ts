import { useEffect, useState } from 'react';
import type { JobProgress } from '../../src-shared/domain.js';
import { api } from '../api/index.js';
import { useVigilEvents } from './useVigilEvents.js';

/** Every job the core knows of, kept current by `job-progress` events, oldest first. */
export function useJobs(): { jobs: JobProgress[]; error: string | null } {
  const [jobs, setJobs] = useState<Map<string, JobProgress>>(new Map());
  const [error, setError] = useState<string | null>(null);
  useVigilEvents((event) => {
    if (event.type !== 'job-progress') return;
    setJobs((current) => new Map(current).set(event.job.jobId, event.job));
  });
  useEffect(() => {
    let live = true;
    api
      .listJobs({})
      .then((listed) => {
        if (!live) return;
        // Events that arrived while listing are newer than the list: keep them.
        setJobs((current) => {
          const merged = new Map(listed.map((job) => [job.jobId, job]));
          for (const [id, job] of current) merged.set(id, job);
          return merged;
        });
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, []);
  return { jobs: [...jobs.values()], error };
}
