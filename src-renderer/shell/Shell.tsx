// The frame around every view: the global filter bar, which runs flag sessions, theme and help
// buttons, and the keyboard
// shortcuts (`/` focuses the filter, `?` lists the shortcuts).
import '../styles/shell.css';
import { type ReactNode, useCallback, useRef, useState } from 'react';
import { DetectionSet } from './DetectionSet.js';
import { FilterBar } from './FilterBar.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { ThemeToggle } from './ThemeToggle.js';
import { useShortcuts } from './useShortcuts.js';

export function Shell({ children }: { children: ReactNode }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [help, setHelp] = useState(false);
  const focusFilter = useCallback(() => inputRef.current?.focus(), []);
  const showHelp = useCallback(() => setHelp(true), []);
  const closeHelp = useCallback(() => setHelp(false), []);
  useShortcuts(focusFilter, showHelp);
  return (
    <main className="content">
      <div className="topbar">
        <FilterBar inputRef={inputRef} />
        <DetectionSet />
        <button
          type="button"
          className="small"
          aria-label="Keyboard shortcuts"
          data-testid="shortcuts-button"
          onClick={showHelp}
        >
          ?
        </button>
        <ThemeToggle />
      </div>
      {children}
      {help && <ShortcutsDialog onClose={closeHelp} />}
    </main>
  );
}
