// Everything the Triage view holds, changed only through `triageReducer` (a pure function): what
// the queue asks for, where the cursor is, what is picked, the rows shown (patched in place so an
// action shows before the core answers) and the earlier rows each undoable action replaced.
import type { FlagQueuePage, QueueItem, TriageFilter } from '../../../src-shared/triage.js';
import type { PromptKind } from './PromptBar.js';

export interface TriageState {
  /** The queue's own verdict filter, on top of the global filter. */
  verdict: TriageFilter['verdict'];
  runId: number | undefined;
  groupBySrcIp: boolean;
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

export const initialTriageState: TriageState = {
  verdict: undefined,
  runId: undefined,
  groupBySrcIp: false,
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

type QueryField = 'verdict' | 'runId' | 'groupBySrcIp' | 'labelNext' | 'offset';

/** A new page or batch starts at its top, with nothing selected. */
const atTop = (state: TriageState): TriageState => ({ ...state, cursor: 0, selected: new Set() });

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

export function triageReducer(state: TriageState, event: TriageEvent): TriageState {
  switch (event.type) {
    case 'run':
      return asking(state, { runId: event.runId, offset: 0 });
    case 'group':
      return asking(state, { groupBySrcIp: event.on, offset: 0 });
    case 'label-next':
      return asking(state, { labelNext: event.on, offset: 0 });
    case 'verdict-filter':
      return asking(state, { verdict: event.verdict, offset: 0 });
    case 'offset':
      return asking(state, { offset: event.offset });
    case 'new-rows':
      return atTop(state);
    case 'scored':
      return {
        ...asking(state, { runId: event.runId }),
        message: `Retrained: run ${event.runId} scored every session.`,
      };
    case 'move': {
      const last = itemsOf(state).length - 1;
      return { ...state, cursor: Math.max(0, Math.min(last, state.cursor + event.by)) };
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
    case 'loaded':
      return { ...state, page: event.page, pageIsLabelNext: event.labelNext, error: null };
    case 'acted': {
      const { page } = state;
      const items = page?.items.map((item) => (event.hits(item) ? event.change(item) : item));
      return {
        ...state,
        page: page && items ? { ...page, items } : page,
        undo: [...state.undo, event.before],
        error: null,
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
      return earlier ? restore(popped, earlier) : popped;
    }
    case 'undo-refused': {
      const error = `${event.error} (undo rolled back)`;
      if (!event.earlier) return { ...state, error };
      return { ...restore(state, event.later), undo: [...state.undo, event.earlier], error };
    }
  }
}
