// The keys `?` lists: the ones every view shares, then the current view's own.
import type { ViewId } from '../hooks/useHashView.js';

export interface Shortcut {
  keys: string;
  what: string;
}

const FILTER: Shortcut[] = [
  { keys: '/', what: 'Focus the filter' },
  { keys: '↑ ↓ then Enter, or Tab', what: 'Take a filter suggestion' },
  { keys: 'Enter', what: 'Apply what is typed (on an empty box: clear the filter)' },
  { keys: 'Esc', what: 'Close the suggestions (the text stays) or this dialog' },
];

const COMMON: Shortcut[] = [{ keys: '?', what: 'Show these shortcuts' }];

const OWN: Partial<Record<ViewId, Shortcut[]>> = {
  overview: [
    { keys: 'Drag on the time chart', what: 'Set the time range' },
    { keys: 'Click a bar segment', what: 'Add its country and type to the filter' },
  ],
  sessions: [
    { keys: '↑ ↓ ← → PageUp PageDown Home End', what: 'Move the active cell' },
    { keys: 'c', what: 'Copy the active cell' },
    { keys: 'Enter', what: 'Open the session in the drawer' },
  ],
  triage: [
    { keys: 'j / k', what: 'Next / previous row' },
    { keys: 'm / b / r', what: 'Malicious / benign / needs review (focus moves on)' },
    { keys: 'Shift + m / b / r', what: 'Judge the selection, or with none every session from the IP' },
    { keys: 'x', what: 'Select the row (Esc clears the selection)' },
    { keys: 't', what: 'Tag' },
    { keys: 'n', what: 'Add a note' },
    { keys: 'c', what: 'Add to a case: pick an open one, or type a number or a new title' },
    { keys: 'u', what: 'Undo your last action' },
  ],
  graph: [
    { keys: 'Click a node / an edge', what: 'Open its drill-down / its sessions' },
    { keys: 'Double-click a node', what: 'Expand its neighbours' },
  ],
};

/** The views the global filter narrows: elsewhere it is hidden. */
export const FILTERED_VIEWS: readonly ViewId[] = ['overview', 'sessions', 'graph', 'triage'];

export function shortcutsFor(view: ViewId): { title: string; keys: Shortcut[] }[] {
  const own = OWN[view];
  return [
    { title: 'Everywhere', keys: FILTERED_VIEWS.includes(view) ? [...COMMON, ...FILTER] : COMMON },
    ...(own ? [{ title: 'This view', keys: own }] : []),
  ];
}
