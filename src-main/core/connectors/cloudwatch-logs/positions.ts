// Where a pull keeps its saved position (the newest committed event, and what is left to resume).
// The CLI keeps it on its own connection; the app through its writer thread (services/job-store.ts),
// so saving it never waits for the write lock on the thread that serves the window.
import { getPullState, type PullKey, type PullState, recordPullProgress } from '../../db/cloudwatch-pulls.js';
import type { Db } from '../../db/open.js';

export type PullPosition = Parameters<typeof recordPullProgress>[2];

export interface PullPositions {
  get(key: PullKey): Promise<PullState | null>;
  record(key: PullKey, position: PullPosition): Promise<void>;
}

export function positionsIn(db: Db): PullPositions {
  return {
    get: async (key) => getPullState(db, key),
    record: async (key, position) => recordPullProgress(db, key, position),
  };
}
