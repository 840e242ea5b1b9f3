// Whether the table shows web requests (their own default columns and the Rule hits column) or
// flows. Decided once per filter, from the first page answered for it: deciding from the first row
// of whatever sort is in force made the columns switch under the analyst's pointer when a sort put
// a flow first (an access log and VPC flow logs in one workspace, sorted by country). A page with
// any request counts as web: the request's columns are the ones a mixed table needs to be read.
import { useState } from 'react';
import type { Session } from '../../../src-shared/domain.js';
import { BLOCK } from './useSessionBlocks.js';

const isRequest = (row: Session | undefined) =>
  row !== undefined && (row.method !== null || row.path !== null);

/** `filterKey` names the filter; `rowAt` reads the loaded rows (undefined until the page is in). */
export function useWebRows(filterKey: string, rowAt: (index: number) => Session | undefined): boolean {
  const [decided, setDecided] = useState<{ key: string; web: boolean } | null>(null);
  if (decided?.key === filterKey) return decided.web;
  // Not decided for this filter yet: decide once its first page is in (its first row loaded).
  if (rowAt(0) === undefined) return decided?.web ?? false;
  let web = false;
  for (let i = 0; i < BLOCK && !web; i++) web = isRequest(rowAt(i));
  // React's pattern for state derived from props while rendering: it re-renders at once.
  setDecided({ key: filterKey, web });
  return web;
}
