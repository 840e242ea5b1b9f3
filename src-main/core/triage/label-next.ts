// "Label next": the unlabelled sessions a supervised model is least sure about (score nearest the
// threshold the run flags at), spread over source IPs so one noisy source cannot fill the list.
import { must } from '../../../src-shared/must.js';
import type { LabelSuggestion } from '../../../src-shared/triage.js';
import { type RunRef, resolveRun, sessionsByIds } from '../db/flag-queue.js';
import { flagCut, nearestCutCandidates } from '../db/label-candidates.js';
import type { Db } from '../db/open.js';

// Candidates read per suggestion wanted: enough for diversity without sorting the whole run twice.
const POOL_FACTOR = 50;

export function labelNext(
  db: Db,
  query: { runId?: number; count: number; perSourceIp: number },
): { run: RunRef | null; items: LabelSuggestion[] } {
  const run = resolveRun(db, query.runId, true);
  if (!run) return { run: null, items: [] };
  const cut = flagCut(db, run.id);
  // 1 at the cut, 0 at the farthest score the run could give on either side of it.
  const reach = Math.max(cut, 1 - cut) || 1;
  const perIp = new Map<string, number>();
  const chosen: { id: number; score: number }[] = [];
  for (const candidate of nearestCutCandidates(db, run.id, cut, query.count * POOL_FACTOR)) {
    const taken = perIp.get(candidate.srcIp) ?? 0;
    if (taken >= query.perSourceIp) continue;
    perIp.set(candidate.srcIp, taken + 1);
    chosen.push(candidate);
    if (chosen.length === query.count) break;
  }
  const sessions = sessionsByIds(
    db,
    chosen.map((c) => c.id),
  );
  // By id: a session deleted since it was chosen is missing from `sessions`.
  const scoreOf = new Map(chosen.map((c) => [c.id, c.score]));
  return {
    run,
    items: sessions.map((session) => {
      const score = must(scoreOf.get(session.id), 'the score of a chosen session');
      return { session, score, uncertainty: 1 - Math.abs(score - cut) / reach };
    }),
  };
}
