// Which columns the analyst shows, in table order, remembered on this machine.
import { useState } from 'react';
import { COLUMNS, DEFAULT_VISIBLE } from './columns.js';

const KEY = 'vigil.sessions.columns';

function load(): string[] {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (Array.isArray(stored)) {
      // Ids of columns that no longer exist are dropped; an empty choice falls back to the default.
      const known = stored.filter((id) => COLUMNS.some((column) => column.id === id));
      if (known.length) return known;
    }
  } catch {
    // Unreadable or unavailable storage: the default set.
  }
  return DEFAULT_VISIBLE;
}

export function useColumnPrefs(): [string[], (id: string, on: boolean) => void, () => void] {
  const [visible, setVisible] = useState<string[]>(load);
  const save = (next: string[]) => {
    setVisible(next);
    try {
      localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      // Storage unavailable: the choice lasts for this session only.
    }
  };
  const toggle = (id: string, on: boolean) => {
    const chosen = new Set(on ? [...visible, id] : visible.filter((v) => v !== id));
    // Keep the table's canonical column order whatever order they were ticked in; never zero columns.
    const next = COLUMNS.map((column) => column.id).filter((v) => chosen.has(v));
    if (next.length) save(next);
  };
  return [visible, toggle, () => save(DEFAULT_VISIBLE)];
}
