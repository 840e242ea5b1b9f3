import { useEffect, useState } from 'react';

// In the order the analyst works: overview first, import last.
export const VIEWS = [
  { id: 'overview', label: 'Overview' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'graph', label: 'Graph' },
  { id: 'triage', label: 'Triage' },
  { id: 'cases', label: 'Cases' },
  { id: 'models', label: 'Models' },
  { id: 'rules', label: 'Rules' },
  { id: 'import', label: 'Import' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

/** `#/import/cloudwatch` → ['import', 'cloudwatch']: the view, then the view's own state. */
export function hashSegments(): string[] {
  // A `?…` query (`#/sessions?q=dst:10.0.0.0/8`) belongs to the view and may itself hold slashes.
  return window.location.hash.replace(/^#\/?/, '').replace(/\?.*$/s, '').split('/');
}

function fromHash(): ViewId {
  const id = hashSegments()[0];
  return VIEWS.find((view) => view.id === id)?.id ?? 'overview';
}

/** The current view, kept in the URL hash so a reload (or the back button) keeps the analyst's place. */
export function useHashView(): ViewId {
  const [view, setView] = useState<ViewId>(fromHash);
  useEffect(() => {
    const onChange = () => setView(fromHash());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return view;
}
