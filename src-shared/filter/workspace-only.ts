// The filter terms only the local workspace can answer: they read what Vigil itself computes and
// keeps (models' scores, verdicts, detection-rule hits), which a remote source's table holds none
// of. The one list of them: the core refuses such a term asked of a source (connectors/clickhouse),
// and the page says so before asking (views/sources). (Views that work on the workspace only are
// another list: src-renderer/views/sources/RemoteOr.tsx.)
import type { FilterClause } from './clauses.js';
import { type FilterField, termNamed } from './fields.js';
import { scanTerms } from './scan.js';

/** Each workspace-only term and what in the workspace it reads. */
export const WORKSPACE_ONLY_TERMS = {
  score: 'models and verdicts',
  verdict: 'models and verdicts',
  flagged: 'models and verdicts',
  kind: 'threat-type models',
  sigma: 'detection rule hits',
  level: 'detection rule hits',
} as const satisfies Partial<Record<FilterField, string>>;

export type WorkspaceOnlyTerm = keyof typeof WORKSPACE_ONLY_TERMS;

export const WORKSPACE_ONLY_TERM_NAMES = Object.keys(WORKSPACE_ONLY_TERMS) as [
  WorkspaceOnlyTerm,
  ...WorkspaceOnlyTerm[],
];

export function isWorkspaceOnlyTerm(field: string): field is WorkspaceOnlyTerm {
  return Object.hasOwn(WORKSPACE_ONLY_TERMS, field);
}

/** The first workspace-only term among the clauses (negated or not), or null when a source can answer them all. */
export function workspaceOnlyTermOf(clauses: readonly FilterClause[] | undefined): WorkspaceOnlyTerm | null {
  for (const { field } of clauses ?? []) if (isWorkspaceOnlyTerm(field)) return field;
  return null;
}

/** Why a source cannot answer the term, and the two ways on. */
export function workspaceOnlyMessage(term: WorkspaceOnlyTerm): string {
  return `${term}: is known only in the local workspace (${WORKSPACE_ONLY_TERMS[term]}): pull the rows first, then filter by ${term}, or remove the term.`;
}

/**
 * The filter text without its terms of `term` (negated ones and aliases too), the others as typed.
 * Text that does not scan is given back unchanged: the filter in force always scans.
 */
export function withoutTerm(text: string, term: FilterField): string {
  let terms: ReturnType<typeof scanTerms>;
  try {
    terms = scanTerms(text);
  } catch {
    return text;
  }
  const kept = terms.filter((t) => t.kind !== 'field' || termNamed(t.name.toLowerCase()) !== term);
  return kept.map((t) => text.slice(t.start, t.end)).join(' ');
}
