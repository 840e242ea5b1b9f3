// Click-through from other views: `#/sessions?q=src:1.2.3.4&from=…&to=…` (from/to in epoch ms)
// becomes the global filter, then the query is dropped from the address so the filter bar owns it.
import { useEffect } from 'react';
import { setFilterText, setTimeRange } from '../../state/filter.js';

function applyHashQuery(): void {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  if (!hash.startsWith('#/sessions') || at < 0) return;
  const params = new URLSearchParams(hash.slice(at + 1));
  const q = params.get('q');
  const from = Number(params.get('from') ?? Number.NaN);
  const to = Number(params.get('to') ?? Number.NaN);
  if (q !== null) setFilterText(q);
  if (Number.isFinite(from) || Number.isFinite(to))
    setTimeRange({
      ...(Number.isFinite(from) ? { from } : {}),
      ...(Number.isFinite(to) ? { to } : {}),
    });
  // replaceState fires no hashchange: the view stays, the query leaves the address bar.
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/sessions`);
}

export function useHashFilter(): void {
  useEffect(() => {
    applyHashQuery();
    window.addEventListener('hashchange', applyHashQuery);
    return () => window.removeEventListener('hashchange', applyHashQuery);
  }, []);
}
