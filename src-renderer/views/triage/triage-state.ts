// Everything the Triage view holds, changed only through `triageReducer` (a pure function): what
// the queue asks for, where the cursor is, what is picked, the rows shown (patched in place so an
// action shows before the core answers) and the earlier rows each undoable action replaced.
import type { FlagQueuePage, QueueItem, TriageFilter } from '../../../src-shared/triage.js';
import type { PromptKind } from './PromptBar.js';

/** Rows of the flag queue per page. */
export const QUEUE_PAGE = 100;

export interface TriageState {
  /** The queue's own verdict filter, on top of the global filter. */
  verdict: TriageFilter['verdict'];
  runId: number | undefined;
  groupBySrcIp: boolean;
  /** Source IPs whose group of rows is folded away (j/k pass over them). */
  collapsed: ReadonlySet<string>;
  /** After a verdict on one session, focus moves to the next row. */
  advance: boolean;
  /** The session the analyst moved to: new rows keep it in focus (null: a new list starts at its top). */
  focusId: number | null;
  /** Show the sessions the supervised model would learn most from instead of the flag queue. */
  labelNext: boolean;
  offset: number;
  cursor: number;
  /** Session ids picked with x, in the order picked. */
  selected: ReadonlySet<number>;
  prompt: PromptKind | null;
  message: string;
  error: string | null;
  /** The rows shown: the last page or batch the core answered, with this view's actions applied. */
  page: FlagQueuePage | null;
  /** Which list `page` holds: right after the mode switches, the old list is still on screen. */
  pageIsLabelNext: boolean;
  /** Earlier versions of the rows each undoable action changed, newest last. */
  undo: readonly (readonly QueueItem[])[];
}

export type TriageEvent =
  | { type: 'run'; runId: number | undefined }
  | { type: 'group'; on: boolean }
  | { type: 'toggle-group'; srcIp: string }
  | { type: 'advance'; on: boolean }
  | { type: 'label-next'; on: boolean }
  | { type: 'verdict-filter'; verdict: TriageFilter['verdict'] }
  | { type: 'offset'; offset: number }
  /** The global filter changed, or another "label next" batch was asked for. */
  | { type: 'new-rows' }
  /** A retrained run scored every session: the queue follows it. */
  | { type: 'scored'; runId: number }
  | { type: 'move'; by: 1 | -1 }
  | { type: 'pick'; cursor: number }
  | { type: 'toggle-select' }
  | { type: 'clear-selection' }
  | { type: 'prompt'; prompt: PromptKind | null }
  | { type: 'message'; message: string }
  | { type: 'error'; error: string | null }
  | { type: 'loaded'; page: FlagQueuePage; labelNext: boolean }
  /**
   * An action is shown at once: `change` applied to the rows `hits` selects; `before` (those rows
   * as they were) is remembered for undo.
   */
  | {
      type: 'acted';
      hits: (item: QueueItem) => boolean;
      change: (item: QueueItem) => QueueItem;
      before: readonly QueueItem[];
      /** A verdict on the focused session: focus moves on to the next row when `advance` is on. */
      moveOn?: boolean;
    }
  /** The core refused the action that replaced `before`: its rows come back, and it leaves the undo stack. */
  | { type: 'refused'; before: readonly QueueItem[]; error: string }
  /** Undo, shown at once: the newest remembered rows come back. */
  | { type: 'undone' }
  /** The undo failed: `later` (the rows it replaced) come back, and `earlier` returns to the stack. */
  | {
      type: 'undo-refused';
      earlier: readonly QueueItem[] | undefined;
      later: readonly QueueItem[];
      error: string;
    };

// The queue starts on what is left to judge, one source IP per group, so it empties as the analyst works.
export const initialTriageState: TriageState = {
  verdict: 'none',
  runId: undefined,
  groupBySrcIp: true,
  collapsed: new Set(),
  advance: true,
  focusId: null,
  labelNext: false,
  offset: 0,
  cursor: 0,
  selected: new Set(),
  prompt: null,
  message: '',
  error: null,
  page: null,
  pageIsLabelNext: false,
  undo: [],
};

export const itemsOf = (state: TriageState): readonly QueueItem[] => state.page?.items ?? [];

/** The row under the cursor (the cursor stays on the last row when the list shrinks). */
export function currentItem(state: TriageState): QueueItem | undefined {
  const items = itemsOf(state);
  return items[Math.min(state.cursor, items.length - 1)];
}

const hidden = (state: TriageState, item: QueueItem | undefined) =>
  item !== undefined && state.groupBySrcIp && state.collapsed.has(item.session.srcIp);

/** The nearest row from `from` in direction `by` that is not folded away (or `from` itself). */
function nextVisible(state: TriageState, from: number, by: 1 | -1): number {
  const items = itemsOf(state);
  for (let at = from + by; at >= 0 && at < items.length; at += by) if (!hidden(state, items[at])) return at;
  return from;
}

/**
 * The cursor on the focused session in new rows (it moves up as judged rows leave). When the
 * focused session left too (a group or a selection judged with it), the first row after it that
 * is still there, else the last before it: keeping the old position instead landed past the rows
 * that moved up into it, skipping them. With nothing focused yet, the position kept in range.
 */
function follow(state: TriageState, page: FlagQueuePage): number {
  const kept = Math.max(0, Math.min(state.cursor, page.items.length - 1));
  if (state.focusId === null) return kept;
  const indexOf = new Map(page.items.map((item, index) => [item.session.id, index]));
  const at = indexOf.get(state.focusId);
  if (at !== undefined) return at;
  const old = itemsOf(state);
  const from = old.findIndex((item) => item.session.id === state.focusId);
  if (from < 0) return kept;
  const after = old.slice(from + 1).find((item) => indexOf.has(item.session.id));
  const before = old
    .slice(0, from)
    .reverse()
    .find((item) => indexOf.has(item.session.id));
  const near = after ?? before;
  return near ? (indexOf.get(near.session.id) ?? kept) : kept;
}

/**
 * The selection kept to the sessions the new rows hold: a selected row that left the queue (judged,
 * so no longer "not yet judged") shows no tick, and a Shift+verdict must not land on it unseen.
 */
function stillShown(selected: ReadonlySet<number>, page: FlagQueuePage): ReadonlySet<number> {
  const shown = new Set(page.items.map((item) => item.session.id));
  const kept = [...selected].filter((id) => shown.has(id));
  return kept.length === selected.size ? selected : new Set(kept);
}

/** Where the last page of a queue of `total` rows starts. */
const lastPageOffset = (total: number) => Math.floor((total - 1) / QUEUE_PAGE) * QUEUE_PAGE;

type QueryField = 'verdict' | 'runId' | 'groupBySrcIp' | 'labelNext' | 'offset';

/** A new page or batch starts at its top, with nothing selected. */
const atTop = (state: TriageState): TriageState => ({
  ...state,
  cursor: 0,
  focusId: null,
  selected: new Set(),
});

/** Changes what the queue asks for; when that changes, the new rows start at their top. */
function asking(state: TriageState, change: Partial<Pick<TriageState, QueryField>>): TriageState {
  const next = { ...state, ...change };
  const moved = (Object.keys(change) as QueryField[]).some((field) => next[field] !== state[field]);
  return moved ? atTop(next) : next;
}

/** Puts earlier versions of rows back (a refusal, or an undo shown before the core answers). */
function restore(state: TriageState, earlier: readonly QueueItem[]): TriageState {
  if (!state.page) return state;
  const byId = new Map(earlier.map((item) => [item.session.id, item]));
  const items = state.page.items.map((item) => byId.get(item.session.id) ?? item);
  return { ...state, page: { ...state.page, items } };
}

/**
 * Focus on the session an undone action was taken on (a group's: its first row), so the next key
 * judges it again: left where the verdict had moved it, focus sat on a neighbour, or on another
 * IP's row once the judged one had left the queue. Not on the page yet, the next read finds it.
 */
function focusOn(state: TriageState, sessionId: number | undefined): TriageState {
  if (sessionId === undefined) return state;
  const at = itemsOf(state).findIndex((item) => item.session.id === sessionId);
  return { ...state, focusId: sessionId, cursor: at >= 0 ? at : state.cursor };
}

export function triageReducer(state: TriageState, event: TriageEvent): TriageState {
  const next = reduce(state, event);
  // Where the analyst moved focus, it stays on that session when the rows are read again.
  const moved = event.type === 'move' || event.type === 'pick' || event.type === 'toggle-group';
  const movedOn = event.type === 'acted' && next.cursor !== state.cursor;
  return moved || movedOn ? { ...next, focusId: currentItem(next)?.session.id ?? null } : next;
}

function reduce(state: TriageState, event: TriageEvent): TriageState {
  switch (event.type) {
    case 'run':
      return asking(state, { runId: event.runId, offset: 0 });
    case 'group':
      return asking(state, { groupBySrcIp: event.on, offset: 0 });
    case 'toggle-group': {
      const collapsed = new Set(state.collapsed);
      if (!collapsed.delete(event.srcIp)) collapsed.add(event.srcIp);
      const next = { ...state, collapsed };
      if (!hidden(next, currentItem(next))) return next;
      // The focused row was folded away: focus the next row shown (or the one before).
      const after = nextVisible(next, next.cursor, 1);
      return { ...next, cursor: after !== next.cursor ? after : nextVisible(next, next.cursor, -1) };
    }
    case 'advance':
      return { ...state, advance: event.on };
    case 'label-next':
      return asking(state, { labelNext: event.on, offset: 0 });
    case 'verdict-filter':
      return asking(state, { verdict: event.verdict, offset: 0 });
    case 'offset':
      return asking(state, { offset: event.offset });
    case 'new-rows':
      return atTop(state);
    case 'scored':
      // A retrain ends in the background while the analyst works: the new run's rows keep their
      // selection and focus (the next read drops what it no longer flags). Starting at the top with
      // nothing selected made a Shift+verdict pressed just after judge every session of the focused IP.
      return {
        ...asking(state, { runId: event.runId }),
        selected: state.selected,
        focusId: currentItem(state)?.session.id ?? state.focusId,
        message: `Retrained: run ${event.runId} scored every session.`,
      };
    case 'move': {
      const last = itemsOf(state).length - 1;
      const from = Math.max(0, Math.min(last, state.cursor));
      return { ...state, cursor: nextVisible(state, from, event.by) };
    }
    case 'pick':
      return { ...state, cursor: event.cursor };
    case 'toggle-select': {
      const current = currentItem(state);
      if (!current) return state;
      const selected = new Set(state.selected);
      if (!selected.delete(current.session.id)) selected.add(current.session.id);
      return { ...state, selected };
    }
    case 'clear-selection':
      return { ...state, selected: new Set() };
    case 'prompt':
      return event.prompt && !currentItem(state) ? state : { ...state, prompt: event.prompt };
    case 'message':
      return { ...state, message: event.message };
    case 'error':
      return { ...state, error: event.error };
    case 'loaded': {
      // The analyst judged every row of a later page: it left the queue, the sessions left are on
      // the pages before. Ask for the last page that holds rows rather than show an empty page (no
      // pager, and "the queue is empty" beside a count of sessions left).
      if (!event.labelNext && event.page.items.length === 0 && event.page.total > 0 && state.offset > 0)
        return {
          ...asking(state, { offset: lastPageOffset(event.page.total) }),
          page: event.page,
          pageIsLabelNext: false,
          error: null,
        };
      const cursor = follow(state, event.page);
      return {
        ...state,
        page: event.page,
        cursor,
        // When the focused session left, focus is on the row it moved to, for the reads after this.
        focusId: state.focusId === null ? null : (event.page.items[cursor]?.session.id ?? null),
        selected: stillShown(state.selected, event.page),
        pageIsLabelNext: event.labelNext,
        error: null,
      };
    }
    case 'acted': {
      const { page } = state;
      const items = page?.items.map((item) => (event.hits(item) ? event.change(item) : item));
      return {
        ...state,
        page: page && items ? { ...page, items } : page,
        undo: [...state.undo, event.before],
        error: null,
        cursor: event.moveOn && state.advance ? nextVisible(state, state.cursor, 1) : state.cursor,
      };
    }
    case 'refused':
      return {
        ...restore(state, event.before),
        undo: state.undo.filter((entry) => entry !== event.before),
        error: `${event.error} (rolled back)`,
      };
    case 'undone': {
      const earlier = state.undo.at(-1);
      const popped = { ...state, undo: state.undo.slice(0, -1), error: null };
      return earlier ? focusOn(restore(popped, earlier), earlier[0]?.session.id) : popped;
    }
    case 'undo-refused': {
      const error = `${event.error} (undo rolled back)`;
      if (!event.earlier) return { ...state, error };
      return { ...restore(state, event.later), undo: [...state.undo, event.earlier], error };
    }
  }
}
