// What each triage key does: shown in the rows at once, then persisted through the API. A refusal
// puts the rows back and says so; undo is shown at once too, from the view's stack of earlier rows
// (triage-state.ts). Calls go out one after another through the ledger (action-ledger.ts).
import { type Dispatch, useRef } from 'react';
import { verdictOutcomeInWords } from '../../../src-shared/audit-words.js';
import { canonicalIp } from '../../../src-shared/ip.js';
import { kindName } from '../../../src-shared/threat-types.js';
import type { QueueItem, TriageFilter, Verdict, VerdictTarget } from '../../../src-shared/triage.js';
import { api } from '../../api/index.js';
import { countOf, formatCount } from '../../format.js';
import type { ActionLedger } from './action-ledger.js';
import { currentItem, itemsOf, type TriageEvent, type TriageState } from './triage-state.js';

export interface TriageDeps {
  /** The state after every event so far, drawn or not (keys can come faster than renders). */
  liveState(): TriageState;
  /** The queue shown: its run (absent: the detection set) and filter, for a group's verdict. */
  queue: { runId: number | undefined; filter: TriageFilter };
  analyst: string;
  ledger: ActionLedger;
  dispatch: Dispatch<TriageEvent>;
}

type Hits = (item: QueueItem) => boolean;
interface Target {
  hits: Hits;
  target: VerdictTarget;
  what: string;
}

export function useTriageActions(deps: TriageDeps) {
  const latest = useRef(deps);
  latest.current = deps;
  // The audit action each entry of the undo stack (its `before` rows) became, once the core
  // answers: u undoes that action by id, never the analyst's last one, which another tab or the CLI
  // may have taken since (it took back a verdict this page never showed, and left this one).
  const actionIds = useRef(new WeakMap<readonly QueueItem[], Promise<number | undefined>>());
  const send = <T>(call: () => Promise<T>): Promise<T> => latest.current.ledger.send(call);
  const say = (message: string) => latest.current.dispatch({ type: 'message', message });

  /** The optimistic pattern every row action shares. */
  const act = <T extends { actionId: number }>(
    hits: Hits,
    change: (item: QueueItem) => QueueItem,
    call: () => Promise<T>,
    done: (r: T) => string,
    moveOn = false,
  ) => {
    const { dispatch } = latest.current;
    const state = latest.current.liveState();
    const before = itemsOf(state).filter(hits);
    dispatch({ type: 'acted', hits, change, before, moveOn });
    const answer = send(call);
    actionIds.current.set(
      before,
      answer.then(
        (r) => r.actionId,
        () => undefined,
      ),
    );
    answer.then(
      (result) => say(done(result)),
      (e: Error) => latest.current.dispatch({ type: 'refused', before, error: e.message }),
    );
  };

  // The server judges the address in every text form a log wrote it in (`2001:DB8::3` is
  // `2001:db8::3`, `::ffff:10.1.2.3` is `10.1.2.3`): the queue shows the verdict on all of them.
  const fromAddress = (ip: string) => {
    const address = canonicalIp(ip);
    return (i: QueueItem) => canonicalIp(i.session.srcIp) === address;
  };

  const ipTarget = (ip: string): Target => ({
    hits: fromAddress(ip),
    target: { srcIp: ip },
    what: `every session from ${ip}`,
  });

  /** The current session; with `wide` the selection (none selected: every session from its IP). */
  const targetOf = (wide: boolean | 'ip'): Target | null => {
    const state = latest.current.liveState();
    const current = currentItem(state);
    const selection = [...state.selected];
    if (!current) return null;
    if (wide === 'ip' || (wide && selection.length === 0)) return ipTarget(current.session.srcIp);
    const ids = new Set(wide ? selection : [current.session.id]);
    const what = ids.size === 1 ? `session ${[...ids][0]}` : `${formatCount(ids.size)} sessions`;
    return { hits: (i: QueueItem) => ids.has(i.session.id), target: { sessionIds: [...ids] }, what };
  };

  const verdictOn = (item: QueueItem, verdict: Verdict, note: string | null, kind?: string): QueueItem => ({
    ...item,
    verdict: {
      sessionId: item.session.id,
      verdict,
      analyst: latest.current.analyst,
      note,
      at: Date.now(),
      ...(kind ? { kind } : {}),
    },
  });

  const judge = (t: Target, verdict: Verdict, moveOn: boolean, kind?: string) =>
    act(
      t.hits,
      (item) => verdictOn(item, verdict, null, kind),
      () => api.setVerdict({ target: t.target, verdict, ...(kind ? { kind } : {}) }),
      (r) => `${kind ? `${verdict} (${kind})` : verdict}: ${t.what} ${verdictOutcomeInWords(verdict, r)}`,
      moveOn,
    );

  return {
    /**
     * `wide`: the selection (or the IP when none); 'ip': every session from the current IP. A
     * verdict on the focused session alone moves focus on (when the view's "advance" is on).
     */
    verdict(verdict: Verdict, wide: boolean | 'ip') {
      const t = targetOf(wide);
      if (t) judge(t, verdict, wide === false);
    },
    /**
     * A group's verdict: the queue's sessions from that source IP, the ones its heading counts (not
     * the IP's other, unflagged sessions, which the analyst has not seen here).
     */
    groupVerdict(verdict: Verdict, srcIp: string, sessions: number) {
      const { runId, filter } = latest.current.queue;
      judge(
        {
          hits: fromAddress(srcIp),
          target: { queueOf: { srcIp, runId, filter } },
          what: `the ${formatCount(sessions)} flagged ${sessions === 1 ? 'session' : 'sessions'} from ${srcIp}`,
        },
        verdict,
        false,
      );
    },
    /**
     * A malicious verdict naming the kind of attack (the selection, or the current session): a
     * label for the next threat-type run, which a plain malicious verdict is not.
     */
    kind(text: string) {
      const kind = kindName(text);
      if (!kind) return say(`“${text}” names no kind: use letters and digits, like sql_injection.`);
      const wide = latest.current.liveState().selected.size > 0;
      const t = targetOf(wide);
      if (t) judge(t, 'malicious', !wide, kind);
    },
    /**
     * A threat-type run's kind group: one malicious verdict naming `kind` on the queue's sessions
     * flagged as `predictedKind` (confirming that kind, or correcting it). It goes through the same
     * ledger and undo stack as every verdict: sent on its own, `u` undid it in the core while the
     * view rolled back the row judged before it.
     */
    kindGroupVerdict(predictedKind: string, kind: string, runId: number) {
      const { filter } = latest.current.queue;
      act(
        (item) => item.predictedKind === predictedKind,
        (item) => verdictOn(item, 'malicious', null, kind),
        () => api.setVerdict({ target: { runId, predictedKind, filter }, verdict: 'malicious', kind }),
        (r) =>
          kind === predictedKind
            ? `${countOf(r.covered, 'session')} confirmed as ${kind}`
            : `${countOf(r.covered, 'session')} flagged as ${predictedKind} corrected to ${kind}`,
      );
    },
    /** A note rides on the session's verdict (needs review when it has none yet). */
    note(text: string) {
      const current = currentItem(latest.current.liveState());
      if (!current) return;
      const id = current.session.id;
      const verdict = current.verdict?.verdict ?? 'review';
      act(
        (item) => item.session.id === id,
        (item) => verdictOn(item, verdict, text),
        () => api.setVerdict({ target: { sessionIds: [id] }, verdict, note: text }),
        () => `note added to session ${id}`,
      );
    },
    tag(name: string) {
      const t = targetOf(latest.current.liveState().selected.size > 0);
      if (!t || !('sessionIds' in t.target)) return;
      const ids = t.target.sessionIds;
      act(
        t.hits,
        (item) => (item.tags.includes(name) ? item : { ...item, tags: [...item.tags, name] }),
        () => api.tagSessions({ tag: name, sessionIds: ids }),
        () => `tagged ${t.what} “${name}”`,
      );
    },
    undo() {
      const { dispatch } = latest.current;
      const state = latest.current.liveState();
      const earlier = state.undo.at(-1);
      const ids = new Set(earlier?.map((item) => item.session.id));
      const later = itemsOf(state).filter((item) => ids.has(item.session.id));
      dispatch({ type: 'undone' });
      // Nothing of this page's to undo (none yet, or a new visit): the analyst's last action.
      const named = earlier && actionIds.current.get(earlier);
      const call = async () => {
        if (!named) return api.undoLastAction({});
        // Sent after the action (the ledger keeps the order), so its id is known by now.
        const actionId = await named;
        if (actionId === undefined)
          throw new Error('That action was refused: there is nothing of it to undo.');
        return api.undoLastAction({ actionId });
      };
      send(call).then(
        (r) => say(r.skipped ? `${r.summary} (${r.skipped} changed since by others, kept)` : r.summary),
        (e: Error) => latest.current.dispatch({ type: 'undo-refused', earlier, later, error: e.message }),
      );
    },
    /** `answer`: a case id to add to, or the title of a new case. */
    addToCase(answer: string) {
      const t = targetOf(latest.current.liveState().selected.size > 0);
      if (!t || !('sessionIds' in t.target)) return;
      const sessionIds = t.target.sessionIds;
      const call = /^\d+$/.test(answer)
        ? () => api.editCaseItems({ caseId: Number(answer), sessionIds })
        : () => api.createCase({ title: answer, sessionIds });
      send(call).then(
        (d) => say(`${t.what} in case ${d.case.id}: ${d.case.title}`),
        (e: Error) => latest.current.dispatch({ type: 'error', error: e.message }),
      );
    },
  };
}

export type TriageActions = ReturnType<typeof useTriageActions>;
