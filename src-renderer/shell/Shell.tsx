// The frame around every view: the global filter bar, which runs flag sessions, theme and help
// buttons, and the keyboard
// shortcuts (`/` focuses the filter, `?` lists the shortcuts).
import '../styles/shell.css';
import { useIsFetching } from '@tanstack/react-query';
import { type ReactNode, useCallback, useRef, useState } from 'react';
import type { ViewId } from '../hooks/useHashView.js';
import { useChosenSource } from '../state/source.js';
import { DetectionSet } from './DetectionSet.js';
import { FilterBar } from './FilterBar.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { SourceChooser } from './SourceChooser.js';
import { ThemeToggle } from './ThemeToggle.js';
import { useShortcuts } from './useShortcuts.js';
import { FILTERED_VIEWS } from './view-shortcuts.js';

export function Shell({ view, children }: { view: ViewId; children: ReactNode }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [help, setHelp] = useState(false);
  const focusFilter = useCallback(() => inputRef.current?.focus(), []);
  const showHelp = useCallback(() => setHelp(true), []);
  const closeHelp = useCallback(() => setHelp(false), []);
  useShortcuts(focusFilter, showHelp);
  const remote = useChosenSource() !== null;
  // Questions to the core on their way: a late answer can still change what the page shows (the
  // e2e tests wait for 0 before they measure it).
  const fetching = useIsFetching();
  return (
    <main className="content" data-fetching={fetching}>
      <div className="topbar">
        <SourceChooser />
        {/* Models, Cases and Import do not read the filter: offering it there would mislead. */}
        {FILTERED_VIEWS.includes(view) ? (
          <FilterBar inputRef={inputRef} />
        ) : (
          <p className="filter-elsewhere muted" data-testid="filter-elsewhere">
            The filter applies to Overview, Sessions, Graph and Triage.
          </p>
        )}
        {/* What flags sessions is the workspace's: a remote source has no flags to choose from. */}
        {!remote && <DetectionSet />}
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
      {help && <ShortcutsDialog view={view} onClose={closeHelp} />}
    </main>
  );
}
