// The Sessions table's marks for the rows of one loaded page: the latest active run's score, the
// detection set's flag, and the verdict, tags and IOC matches the flag queue shows beside a session.
import type { SessionMarks } from '../../../src-shared/session-marks.js';
import { flaggedAmong } from '../db/detection-set.js';
import { sessionsByIds } from '../db/flag-queue.js';
import { activeRun } from '../db/model-runs.js';
import type { Db } from '../db/open.js';
import { scoresOf } from '../db/scores.js';
import { annotate } from './queue.js';

export function sessionMarks(db: Db, sessionIds: readonly number[]): SessionMarks {
  const run = activeRun(db);
  const scores = run ? scoresOf(db, run.id, sessionIds) : new Map<number, number>();
  const flagged = flaggedAmong(db, sessionIds);
  const rows = annotate(db, sessionsByIds(db, sessionIds)).map(({ session, verdict, tags, ioc }) => ({
    sessionId: session.id,
    score: scores.get(session.id) ?? null,
    flagged: flagged.has(session.id),
    verdict: verdict?.verdict ?? null,
    tags,
    ioc,
  }));
  return { scoreRun: run ? { id: run.id, kind: run.kind } : null, rows };
}
