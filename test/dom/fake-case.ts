// A plausible case for component tests; `patch` overrides fields.
import type { Case, CaseDetail } from '../../src-shared/cases.js';

export function fakeCase(id: number, patch: Partial<Case> = {}): Case {
  return {
    id,
    title: `Case ${id}`,
    severity: 'high',
    status: 'open',
    summary: '',
    createdBy: 'ana',
    createdAt: 0,
    updatedAt: 0,
    sessions: 0,
    sessionTotal: 0,
    ips: 1,
    notes: 0,
    tags: [],
    ...patch,
  };
}

/** The case as the Cases view asks for it: no items or notes. */
export const detailOf = (c: Case): CaseDetail => ({ case: c, items: [], notes: [] });
