// Whether the table shows web requests (their own default columns and the Rule hits column) or
// flows. Decided once per filter, from the first page answered for it: deciding from the first row
// of whatever sort is in force made the columns switch under the analyst's pointer when a sort put
// a flow first (an access log and VPC flow logs in one workspace, sorted by country). A page with
// any request counts as web: the request's columns are the ones a mixed table needs to be read.
// Most access logs (Combined, without a virtual host) name no host: the first page also says
// whether any of its requests does, so an empty Host column does not push Path out of sight.
import { useState } from 'react';
import type { Session } from '../../../src-shared/domain.js';
import { isWebRequest } from '../../../src-shared/web-requests.js';
import { BLOCK } from './useSessionBlocks.js';

const isRequest = (row: Session | undefined) => row !== undefined && isWebRequest(row);

/** What the first page holds: requests (else flows), and whether any of them names a host. */
export interface RowKind {
  web: boolean;
  hosts: boolean;
}
const FLOWS: RowKind = { web: false, hosts: false };

/** `filterKey` names the filter; `rowAt` reads the loaded rows (undefined until the page is in). */
export function useWebRows(filterKey: string, rowAt: (index: number) => Session | undefined): RowKind {
  const [decided, setDecided] = useState<{ key: string; kind: RowKind } | null>(null);
  if (decided?.key === filterKey) return decided.kind;
  // Not decided for this filter yet: decide once its first page is in (its first row loaded).
  if (rowAt(0) === undefined) return decided?.kind ?? FLOWS;
  const kind = { web: false, hosts: false };
  for (let i = 0; i < BLOCK; i++) {
    const row = rowAt(i);
    if (!isRequest(row)) continue;
    kind.web = true;
    kind.hosts ||= Boolean(row?.host);
  }
  // React's pattern for state derived from props while rendering: it re-renders at once.
  setDecided({ key: filterKey, kind });
  return kind;
}
