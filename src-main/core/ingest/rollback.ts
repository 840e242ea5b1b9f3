import { subtractImportFromAnalytics } from '../db/analytics-rollups.js';
import { clearIpScores } from '../db/graph.js';
import { finishImport, runningImports, sessionIdRange } from '../db/imports.js';
import type { Db } from '../db/open.js';
import { deleteQuarantine } from '../db/quarantine.js';
import { subtractImportFromRollups } from '../db/rollups.js';
import { ensureSessionIndexes, hasRunningImport } from '../db/session-indexes.js';
import { deleteSessionsOfImport } from '../db/sessions.js';
import { isProcessAlive } from '../process-alive.js';

/** Removes everything an unfinished import stored: its sessions, their rollup share, its quarantine. */
export function rollBackImport(db: Db, importId: number): void {
  db.transaction(() => {
    const range = sessionIdRange(db, importId);
    if (range) {
      subtractImportFromRollups(db, importId, range);
      subtractImportFromAnalytics(db, importId, range);
      deleteSessionsOfImport(db, importId, range);
      // A run may have scored some of them (scored while the import ran): per-IP maxima may be stale.
      clearIpScores(db);
    }
    deleteQuarantine(db, importId);
  })();
}

// An import whose owner stopped updating it for this long is stale even if its pid was reused.
const STALE_AFTER_MS = 10 * 60_000;

/**
 * Finds imports left 'running' by a process that died (crash, SIGKILL, power loss) and rolls them
 * back, so a half-written import is never visible. Run when a database is opened for writing.
 */
export function recoverInterruptedImports(db: Db): number[] {
  const recovered: number[] = [];
  for (const run of runningImports(db)) {
    const ownerGone =
      run.ownerPid === null || (run.ownerPid !== process.pid && !isProcessAlive(run.ownerPid));
    const silent = run.heartbeatAt === null || Date.now() - run.heartbeatAt > STALE_AFTER_MS;
    if (!ownerGone && !silent) continue;
    rollBackImport(db, run.id);
    finishImport(db, run.id, 'interrupted', {
      message:
        'The import stopped before it finished (the app was closed or crashed); nothing from it was kept. Import the file again.',
      counts: { rowsRead: 0, stored: 0, quarantined: 0, duplicates: 0 },
    });
    recovered.push(run.id);
  }
  if (!hasRunningImport(db)) ensureSessionIndexes(db);
  return recovered;
}
