// What each triage key does: shown in the rows at once, then persisted through the API. A refusal
// puts the rows back and says so; undo is shown at once too, from a local stack of earlier rows.
import { useRef } from 'react';
import type { QueueItem, Verdict } from '../../../src-shared/triage.js';
import { api } from '../../api/index.js';
import type { Queue } from './useQueue.js';

export interface TriageDeps {
  items: readonly QueueItem[];
  current: QueueItem | undefined;
  selection: readonly number[];
  analyst: string;
  queue: Pick<Queue, 'patch' | 'restore' | 'track'>;
  setError(message: string | null): void;
  setMessage(message: string): void;
}

type Hits = (item: QueueItem) => boolean;
interface Target {
  hits: Hits;
  target: { srcIp: string } | { sessionIds: number[] };
  what: string;
}

export function useTriageActions(deps: TriageDeps) {
  const latest = useRef(deps);
  latest.current = deps;
  // Earlier versions of the rows each undoable action changed, newest last.
  const undoStack = useRef<QueueItem[][]>([]);
  // Calls go out one after another, so an undo can never overtake the action it undoes.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const send = <T>(call: () => Promise<T>): Promise<T> => {
    const next = chain.current.then(call);
    chain.current = next.catch(() => undefined);
    return latest.current.queue.track(next);
  };

  /** The optimistic pattern every row action shares. */
  const act = <T>(
    hits: Hits,
    change: (item: QueueItem) => QueueItem,
    call: () => Promise<T>,
    done: (r: T) => string,
  ) => {
    const { items, queue, setError, setMessage } = latest.current;
    const before = items.filter(hits);
    queue.patch((item) => (hits(item) ? change(item) : item));
    undoStack.current.push(before);
    setError(null);
    send(call).then(
      (result) => setMessage(done(result)),
      (e: Error) => {
        latest.current.queue.restore(before);
        undoStack.current = undoStack.current.filter((entry) => entry !== before);
        setError(`${e.message} (rolled back)`);
      },
    );
  };

  /** The current session; with `wide` the selection (none selected: every session from its IP). */
  const targetOf = (wide: boolean | 'ip'): Target | null => {
    const { current, selection } = latest.current;
    if (!current) return null;
    if (wide === 'ip' || (wide && selection.length === 0)) {
      const ip = current.session.srcIp;
      return {
        hits: (i: QueueItem) => i.session.srcIp === ip,
        target: { srcIp: ip },
        what: `every session from ${ip}`,
      };
    }
    const ids = new Set(wide ? selection : [current.session.id]);
    const what = ids.size === 1 ? `session ${[...ids][0]}` : `${ids.size} sessions`;
    return { hits: (i: QueueItem) => ids.has(i.session.id), target: { sessionIds: [...ids] }, what };
  };

  const verdictOn = (item: QueueItem, verdict: Verdict, note: string | null): QueueItem => ({
    ...item,
    verdict: { sessionId: item.session.id, verdict, analyst: latest.current.analyst, note, at: Date.now() },
  });

  return {
    /** `wide`: the selection (or the IP when none); 'ip': every session from the current IP. */
    verdict(verdict: Verdict, wide: boolean | 'ip') {
      const t = targetOf(wide);
      if (!t) return;
      act(
        t.hits,
        (item) => verdictOn(item, verdict, null),
        () => api.setVerdict({ target: t.target, verdict }),
        (r) => `${verdict}: ${t.what} (${r.changed} changed)`,
      );
    },
    /** A note rides on the session's verdict (needs review when it has none yet). */
    note(text: string) {
      const { current } = latest.current;
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
      const t = targetOf(latest.current.selection.length > 0);
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
      const { items, queue, setError, setMessage } = latest.current;
      const earlier = undoStack.current.pop();
      const ids = new Set(earlier?.map((item) => item.session.id));
      const later = items.filter((item) => ids.has(item.session.id));
      if (earlier) queue.restore(earlier);
      setError(null);
      send(() => api.undoLastAction({})).then(
        (r) =>
          setMessage(r.skipped ? `${r.summary} (${r.skipped} changed since by others, kept)` : r.summary),
        (e: Error) => {
          if (earlier) {
            latest.current.queue.restore(later);
            undoStack.current.push(earlier);
          }
          setError(`${e.message} (undo rolled back)`);
        },
      );
    },
    /** `answer`: a case id to add to, or the title of a new case. */
    addToCase(answer: string) {
      const t = targetOf(latest.current.selection.length > 0);
      if (!t || !('sessionIds' in t.target)) return;
      const sessionIds = t.target.sessionIds;
      const call = /^\d+$/.test(answer)
        ? () => api.editCaseItems({ caseId: Number(answer), sessionIds })
        : () => api.createCase({ title: answer, sessionIds });
      send(call).then(
        (d) => latest.current.setMessage(`${t.what} in case ${d.case.id}: ${d.case.title}`),
        (e: Error) => latest.current.setError(e.message),
      );
    },
  };
}

export type TriageActions = ReturnType<typeof useTriageActions>;
