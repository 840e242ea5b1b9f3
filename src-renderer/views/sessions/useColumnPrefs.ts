// Which columns the analyst shows, in table order, remembered on this machine. Until the analyst
// picks, the default set follows the data: web requests show their request's columns (columns.ts).
import { useState } from 'react';
import { COLUMN_CHOICES, DEFAULT_VISIBLE, DEFAULT_WEB_VISIBLE } from './columns.js';
import type { RowKind } from './useWebRows.js';

const KEY = 'vigil.sessions.columns';

/** The analyst's stored choice, or null when there is none (or it no longer names a column). */
function load(): string[] | null {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (Array.isArray(stored)) {
      // Ids of columns that no longer exist are dropped; an empty choice falls back to the default.
      const known = stored.filter((id) => COLUMN_CHOICES.some((column) => column.id === id));
      if (known.length) return known;
    }
  } catch {
    // Unreadable or unavailable storage: the default set.
  }
  return null;
}

/** The default set for what the table shows (useWebRows): a Host column only where a request names one. */
function defaultFor(rows: RowKind): string[] {
  if (!rows.web) return DEFAULT_VISIBLE;
  return rows.hosts ? DEFAULT_WEB_VISIBLE : DEFAULT_WEB_VISIBLE.filter((id) => id !== 'host');
}

export function useColumnPrefs(
  rows: RowKind = { web: false, hosts: false },
): [string[], (id: string, on: boolean) => void, () => void] {
  const [chosen, setChosen] = useState<string[] | null>(load);
  const visible = chosen ?? defaultFor(rows);
  const save = (next: string[] | null) => {
    setChosen(next);
    try {
      if (next === null) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      // Storage unavailable: the choice lasts for this session only.
    }
  };
  const toggle = (id: string, on: boolean) => {
    const picked = new Set(on ? [...visible, id] : visible.filter((v) => v !== id));
    // Keep the table's canonical column order whatever order they were ticked in; never zero columns.
    const next = COLUMN_CHOICES.map((column) => column.id).filter((v) => picked.has(v));
    if (next.length) save(next);
  };
  // Back to the default, which follows the data again.
  return [visible, toggle, () => save(null)];
}
