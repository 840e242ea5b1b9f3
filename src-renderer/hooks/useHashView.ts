import { useEffect, useState } from 'react';

export const VIEWS = [
  { id: 'import', label: 'Import' },
  { id: 'sessions', label: 'Sessions' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

function fromHash(): ViewId {
  const id = window.location.hash.replace(/^#\/?/, '');
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
