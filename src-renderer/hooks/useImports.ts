import { useCallback, useEffect, useState } from 'react';
import type { ImportRecord } from '../../src-shared/domain.js';
import { api } from '../api/index.js';
import { useVigilEvents } from './useVigilEvents.js';

const FINISHED = new Set(['done', 'failed', 'cancelled']);

/** The imports table, re-read whenever a job finishes or the data changes. */
export function useImports(): { imports: ImportRecord[]; error: string | null } {
  const [imports, setImports] = useState<ImportRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    api
      .listImports({})
      .then((list) => {
        setImports(list);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(reload, [reload]);
  useVigilEvents((event) => {
    if (event.type === 'data-changed' || (event.type === 'job-progress' && FINISHED.has(event.job.state)))
      reload();
  });
  return { imports, error };
}
