// With a remote source chosen in the top bar, the views that read the global filter show that
// source (computed by its engine) or say they work on the workspace only; the others (Import, Cases)
// stay as they are. With the local workspace chosen, every view is the workspace's.
import type { ReactNode } from 'react';
import type { ViewId } from '../../hooks/useHashView.js';
import { useChosenSource } from '../../state/source.js';
import { RemoteGraph } from './RemoteGraph.js';
import { RemoteNotApplicable } from './RemoteNotApplicable.js';
import { RemoteOverview } from './RemoteOverview.js';
import { RemoteSessions } from './RemoteSessions.js';

const WORKSPACE_ONLY: Partial<Record<ViewId, string>> = {
  triage: 'Triage',
  models: 'Models',
  rules: 'Rules',
};

export function RemoteOr({ view, children }: { view: ViewId; children: ReactNode }) {
  const source = useChosenSource();
  if (source === null) return children;
  // Keyed by source: another source starts each view afresh (its page, its dialogs).
  if (view === 'overview') return <RemoteOverview key={source} source={source} />;
  if (view === 'sessions') return <RemoteSessions key={source} source={source} />;
  if (view === 'graph') return <RemoteGraph key={source} source={source} />;
  const title = WORKSPACE_ONLY[view];
  return title ? <RemoteNotApplicable key={source} source={source} title={title} /> : children;
}
