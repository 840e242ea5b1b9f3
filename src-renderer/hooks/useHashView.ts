import { useEffect, useState } from 'react';

export const VIEWS = [
  { id: 'import', label: 'Import' },
  { id: 'sessions', label: 'Sessions' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

function fromHash(): ViewId {
  // `#/import/cloudwatch`: the first segment names the view, the rest is the view's own state.
  const id = window.location.hash.replace(/^#\/?/, '').split('/')[0];
  return VIEWS.find((view) => view.id === id)?.id ?? 'import';
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
