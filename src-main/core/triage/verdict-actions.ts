// Setting verdicts: one audited action per call, whether it covers one session or a whole IP.
import type { ActionResult, Verdict, VerdictRecord, VerdictTarget } from '../../../src-shared/triage.js';
import { insertAction, recordChanges } from '../db/audit.js';
import { flaggedIdsOfKind } from '../db/flag-queue.js';
import { resolveFreeText } from '../db/free-text.js';
import type { Db } from '../db/open.js';
import { prepareVerdictWrite, sessionIdsFromIp, verdictsOf } from '../db/verdicts.js';
import { scopeToFinished } from '../db/visibility.js';
import { queueSessionIds } from './queue.js';
import { refuseEarly, requireStoredSessions } from './stored-sessions.js';

export const VERDICT_ACTION = 'verdict';

/**
 * What the audit log keeps of a verdict (the session id is the entity). `kind` only when the
 * verdict names one, so the states recorded before verdicts had kinds still compare equal (undo).
 */
export type VerdictState =
  | (Pick<VerdictRecord, 'verdict' | 'analyst' | 'note' | 'at'> & { kind?: string })
  | null;

export const verdictState = (record: VerdictRecord | undefined): VerdictState =>
  record
    ? {
        verdict: record.verdict,
        analyst: record.analyst,
        note: record.note,
        at: record.at,
        ...(record.kind ? { kind: record.kind } : {}),
      }
    : null;

/** Whether two recorded verdicts say the same (who gave it and when aside). */
const sameJudgement = (a: VerdictState, b: VerdictState): boolean =>
  a !== null &&
  b !== null &&
  a.verdict === b.verdict &&
  a.note === b.note &&
  (a.kind ?? null) === (b.kind ?? null);

function targetIds(db: Db, target: VerdictTarget): { ids: number[]; label: string } {
  if ('srcIp' in target) {
    const ids = sessionIdsFromIp(db, target.srcIp);
    if (ids.length === 0) throw new Error(`No stored session comes from ${target.srcIp}.`);
    return { ids, label: `all ${ids.length} sessions from ${target.srcIp}` };
  }
  if ('queueOf' in target) {
    const { srcIp, runId, filter } = target.queueOf;
    const scoped = scopeToFinished(db, resolveFreeText(db, { ...filter, srcIp }));
    const ids = queueSessionIds(db, { runId, filter: scoped });
    if (ids.length === 0) throw new Error(`The queue holds no session from ${srcIp} here.`);
    return { ids, label: `${ids.length} flagged sessions from ${srcIp}` };
  }
  if ('predictedKind' in target) {
    const filter = scopeToFinished(db, resolveFreeText(db, target.filter));
    const ids = flaggedIdsOfKind(db, target.runId, target.predictedKind, filter);
    if (ids.length === 0)
      throw new Error(`Run ${target.runId} flagged no session as ${target.predictedKind} here.`);
    return { ids, label: `${ids.length} sessions flagged as ${target.predictedKind} by run ${target.runId}` };
  }
  const ids = requireStoredSessions(db, target.sessionIds);
  return { ids, label: ids.length === 1 ? `session ${ids[0]}` : `${ids.length} sessions` };
}

/**
 * Writes the verdict and its audit entries in one IMMEDIATE transaction: the write lock is taken
 * before the previous verdicts are read, so two connections never record the same "before".
 */
export function setVerdict(
  db: Db,
  analyst: string,
  args: { target: VerdictTarget; verdict: Verdict; note?: string; kind?: string },
): ActionResult {
  if (args.kind !== undefined && args.verdict !== 'malicious')
    throw new Error('Only a malicious verdict names a kind of threat.');
  if ('sessionIds' in args.target) refuseEarly(db, args.target.sessionIds);
  const write = prepareVerdictWrite(db);
  return db
    .transaction(() => {
      const { ids, label } = targetIds(db, args.target);
      const at = Date.now();
      const previous = verdictsOf(db, ids);
      const named = args.kind === undefined ? args.verdict : `${args.verdict} (${args.kind})`;
      const actionId = insertAction(db, {
        analyst,
        at,
        kind: VERDICT_ACTION,
        summary: `${named} on ${label}`,
      });
      const record = { verdict: args.verdict, analyst, note: args.note ?? null, at, kind: args.kind ?? null };
      const after = verdictState({ sessionId: 0, ...record });
      write.putAll(ids, record, actionId);
      const changes = ids.map((sessionId) => ({
        entity: 'session',
        entityId: sessionId,
        field: 'verdict',
        before: verdictState(previous.get(sessionId)),
        after,
      }));
      recordChanges(db, actionId, changes);
      const changed = changes.filter(({ before }) => !sameJudgement(before, after)).length;
      return { actionId, changed, covered: ids.length };
    })
    .immediate();
}
