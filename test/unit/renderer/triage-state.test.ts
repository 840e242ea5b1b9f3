// The Triage view's state as a pure function: what resets the cursor, how actions patch the rows
// and come back on a refusal or an undo.
import { describe, expect, it } from 'vitest';
import {
  currentItem,
  initialTriageState,
  type TriageEvent,
  type TriageState,
  triageReducer,
} from '../../../src-renderer/views/triage/triage-state.js';
import type { FlagQueuePage, QueueItem } from '../../../src-shared/triage.js';

const item = (id: number, srcIp = '198.51.100.7'): QueueItem =>
  ({ session: { id, srcIp }, score: 0.9, explanation: null, verdict: null, tags: [], ioc: [] }) as never;

const page = (...ids: number[]): FlagQueuePage => ({
  run: { id: 1, kind: 'iforest', createdAt: 0 },
  items: ids.map((id) => item(id)),
  total: ids.length,
  groups: [],
});

const run = (events: TriageEvent[], from: TriageState = initialTriageState) =>
  events.reduce(triageReducer, from);
const loaded = (p: FlagQueuePage): TriageEvent => ({ type: 'loaded', page: p, labelNext: false });
const tagged = (name: string) => (i: QueueItem) => ({ ...i, tags: [...i.tags, name] });
const ids = (state: TriageState) => state.page?.items.map((i) => `${i.session.id}:${i.tags.join('+')}`);

describe('the triage reducer', () => {
  it('moves within the rows and keeps the cursor on the last one when they shrink', () => {
    const state = run([loaded(page(1, 2, 3)), { type: 'move', by: 1 }, { type: 'move', by: 1 }]);
    expect(state.cursor).toBe(2);
    expect(run([{ type: 'move', by: 1 }], state).cursor).toBe(2);
    const shrunk = run([loaded(page(1))], state);
    expect(currentItem(shrunk)?.session.id).toBe(1);
    expect(run([{ type: 'move', by: -1 }], shrunk).cursor).toBe(0);
  });

  it('starts new rows at the top with nothing selected, but only when the question changes', () => {
    const picked = run([loaded(page(1, 2, 3)), { type: 'move', by: 1 }, { type: 'toggle-select' }]);
    expect([picked.cursor, [...picked.selected]]).toEqual([1, [2]]);
    // The same offset again asks nothing new: the analyst's place stays.
    expect(run([{ type: 'offset', offset: 0 }], picked).cursor).toBe(1);
    for (const event of [
      { type: 'offset', offset: 100 },
      { type: 'group', on: false },
      { type: 'run', runId: 4 },
      { type: 'verdict-filter', verdict: undefined },
      { type: 'label-next', on: true },
      { type: 'new-rows' },
    ] as TriageEvent[]) {
      const next = run([event], picked);
      expect([next.cursor, next.selected.size]).toEqual([0, 0]);
    }
    // A retrained run keeps the page (offset) but follows the run, and says so.
    const scored = run(
      [
        { type: 'offset', offset: 100 },
        { type: 'scored', runId: 7 },
      ],
      picked,
    );
    expect([scored.runId, scored.offset, scored.message]).toEqual([
      7,
      100,
      'Retrained: run 7 scored every session.',
    ]);
  });

  // A retrain finishes in the background while the analyst works: it must not drop their selection
  // (Shift+m with none judges every session from the focused IP) nor move their focus.
  it('keeps the selection and the focused session when a retrained run takes over', () => {
    const picked = run([
      loaded(page(1, 2, 3, 4)),
      { type: 'toggle-select' },
      { type: 'move', by: 1 },
      { type: 'toggle-select' },
      { type: 'move', by: 1 },
    ]);
    expect([[...picked.selected], currentItem(picked)?.session.id]).toEqual([[1, 2], 3]);
    const scored = run([{ type: 'scored', runId: 7 }], picked);
    expect([...scored.selected]).toEqual([1, 2]);
    // The new run's queue: session 2 is no longer flagged, 3 moved up.
    const reread = run([loaded(page(3, 1, 4))], scored);
    expect([...reread.selected]).toEqual([1]);
    expect(currentItem(reread)?.session.id).toBe(3);
  });

  it('starts on what is left to judge, grouped by source IP', () => {
    expect([initialTriageState.verdict, initialTriageState.groupBySrcIp, initialTriageState.advance]).toEqual(
      ['none', true, true],
    );
  });

  it('moves focus to the next row after a verdict, and keeps it on that session when judged rows leave', () => {
    const judged = (i: QueueItem) => ({ ...i, tags: ['judged'] });
    const first = (i: QueueItem) => i.session.id === 1;
    const state = run([
      loaded(page(1, 2, 3)),
      { type: 'acted', hits: first, change: judged, before: [item(1)], moveOn: true },
    ]);
    expect(currentItem(state)?.session.id).toBe(2);
    // The reload no longer holds the judged session: focus stays on session 2, now the first row.
    const reloaded = run([loaded(page(2, 3))], state);
    expect([reloaded.cursor, currentItem(reloaded)?.session.id]).toEqual([0, 2]);
    // With "advance" off, focus stays put; an action on the selection never moves it.
    const still = run([
      { type: 'advance', on: false },
      loaded(page(1, 2, 3)),
      { type: 'acted', hits: first, change: judged, before: [item(1)], moveOn: true },
    ]);
    expect(currentItem(still)?.session.id).toBe(1);
    const wide = run([loaded(page(1, 2, 3)), { type: 'acted', hits: first, change: judged, before: [] }]);
    expect(currentItem(wide)?.session.id).toBe(1);
  });

  it('folds a source IP group away: j/k pass over its rows and focus leaves it', () => {
    const grouped: FlagQueuePage = {
      ...page(),
      items: [item(1, '198.51.100.7'), item(2, '198.51.100.7'), item(3, '203.0.113.9')],
    };
    const state = run([loaded(grouped), { type: 'toggle-group', srcIp: '198.51.100.7' }]);
    expect(currentItem(state)?.session.id).toBe(3);
    expect(currentItem(run([{ type: 'move', by: -1 }], state))?.session.id).toBe(3);
    const open = run(
      [
        { type: 'toggle-group', srcIp: '198.51.100.7' },
        { type: 'move', by: -1 },
      ],
      state,
    );
    expect(currentItem(open)?.session.id).toBe(2);
  });

  it('toggles the selection in the order picked, and opens a prompt only on a row', () => {
    expect(run([{ type: 'prompt', prompt: 'tag' }]).prompt).toBeNull();
    const state = run([
      loaded(page(1, 2, 3)),
      { type: 'move', by: 1 },
      { type: 'move', by: 1 },
      { type: 'toggle-select' },
      { type: 'move', by: -1 },
      { type: 'move', by: -1 },
      { type: 'toggle-select' },
      { type: 'prompt', prompt: 'tag' },
    ]);
    expect([...state.selected]).toEqual([3, 1]);
    expect(state.prompt).toBe('tag');
    expect([...run([{ type: 'toggle-select' }], state).selected]).toEqual([3]);
    expect(run([{ type: 'clear-selection' }], state).selected.size).toBe(0);
  });

  it('shows an action at once, puts its rows back when refused, and forgets it for undo', () => {
    const start = run([loaded(page(1, 2)), { type: 'error', error: 'old' }]);
    const hits = (i: QueueItem) => i.session.id === 1;
    const before = start.page!.items.filter(hits);
    const acted = run([{ type: 'acted', hits, change: tagged('evidence'), before }], start);
    expect(ids(acted)).toEqual(['1:evidence', '2:']);
    expect([acted.undo, acted.error]).toEqual([[before], null]);
    const refused = run([{ type: 'refused', before, error: 'database is locked' }], acted);
    expect(ids(refused)).toEqual(['1:', '2:']);
    expect([refused.undo, refused.error]).toEqual([[], 'database is locked (rolled back)']);
  });

  it('undoes the newest action at once, and puts it back when the undo fails', () => {
    const start = run([loaded(page(1, 2))]);
    const first = start.page!.items.filter((i) => i.session.id === 1);
    const one = run(
      [{ type: 'acted', hits: (i) => i.session.id === 1, change: tagged('a'), before: first }],
      start,
    );
    const second = one.page!.items.filter((i) => i.session.id === 2);
    const two = run(
      [{ type: 'acted', hits: (i) => i.session.id === 2, change: tagged('b'), before: second }],
      one,
    );
    const later = two.page!.items.filter((i) => i.session.id === 2);
    const undone = run([{ type: 'undone' }], two);
    expect(ids(undone)).toEqual(['1:a', '2:']);
    expect(undone.undo).toEqual([first]);
    const failed = run([{ type: 'undo-refused', earlier: second, later, error: 'server gone' }], undone);
    expect(ids(failed)).toEqual(['1:a', '2:b']);
    expect([failed.undo, failed.error]).toEqual([[first, second], 'server gone (undo rolled back)']);
    // Nothing left to undo here: only the refusal shows.
    const bare = run([{ type: 'undo-refused', earlier: undefined, later: [], error: 'no action' }], start);
    expect([ids(bare), bare.error]).toEqual([['1:', '2:'], 'no action (undo rolled back)']);
  });

  it('puts focus back on the session an undone verdict was given on, before and after the rows are read again', () => {
    // Focus moved on to 2 after judging 1, and 1 left the queue (not yet judged) on the next read.
    const judged = (i: QueueItem) => ({ ...i, tags: ['judged'] });
    const state = run([
      loaded(page(1, 2, 3, 4)),
      { type: 'acted', hits: (i) => i.session.id === 1, change: judged, before: [item(1)], moveOn: true },
      loaded(page(2, 3, 4)),
      { type: 'move', by: 1 },
    ]);
    expect(currentItem(state)?.session.id).toBe(3);
    // u: session 1 comes back with the next read; the next key must judge it, not its neighbour.
    const undone = run([{ type: 'undone' }, loaded(page(1, 2, 3, 4))], state);
    expect(currentItem(undone)?.session.id).toBe(1);
    // Still on the page (the verdict filter shows judged rows too): focus goes to it at once.
    const shown = run([
      loaded(page(1, 2, 3)),
      { type: 'acted', hits: (i) => i.session.id === 2, change: judged, before: [item(2)], moveOn: true },
      { type: 'undone' },
    ]);
    expect(currentItem(shown)?.session.id).toBe(2);
    // A group's undone verdict: focus on the first of its rows.
    const group = run([
      loaded(page(1, 2, 3)),
      { type: 'acted', hits: (i) => i.session.id > 1, change: judged, before: [item(2), item(3)] },
      loaded(page(1)),
      { type: 'undone' },
      loaded(page(1, 2, 3)),
    ]);
    expect(currentItem(group)?.session.id).toBe(2);
  });

  it('replaces patched rows with each answer, says which list it is, and clears the last error', () => {
    const state = run([
      loaded(page(1)),
      { type: 'acted', hits: () => true, change: tagged('x'), before: [] },
      { type: 'error', error: 'boom' },
      { type: 'loaded', page: page(5, 6), labelNext: true },
    ]);
    expect([ids(state), state.pageIsLabelNext, state.error]).toEqual([['5:', '6:'], true, null]);
  });
});
