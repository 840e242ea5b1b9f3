// Case operations: create, edit, items (sessions, IPs), tags, notes, delete.

import type { z } from 'zod';
import type { VigilService } from '../../../src-shared/api.js';
import { type CaseItemsInput, MAX_CASE_SESSIONS } from '../../../src-shared/cases.js';
import { entityHistory } from '../db/audit.js';
import { getCase } from '../db/cases.js';
import { sessionIdsMatching, sessionsMatching } from '../db/filtered-sessions.js';
import type { Db } from '../db/open.js';
import { gatherCaseReport } from '../reports/case-data.js';
import {
  addCaseNote,
  caseDetail,
  createCase,
  deleteCase,
  editCaseItems,
  findCases,
  tagCase,
  updateCase,
} from '../triage/case-actions.js';
import { signerOf, type TriageContext } from './triage.js';

type CaseOps =
  | 'listCases'
  | 'getCase'
  | 'caseOverview'
  | 'createCase'
  | 'updateCase'
  | 'editCaseItems'
  | 'tagCase'
  | 'addCaseNote'
  | 'deleteCase'
  | 'caseHistory';

/**
 * The listed sessions and those the filter selects now, as ids (the filter is already scoped to
 * finished imports, services/scoped-filters.ts). More than a change may take is refused, counted.
 */
function withFilteredSessions<A extends z.infer<typeof CaseItemsInput>>(db: Db, args: A): A {
  if (!args.filter) return args;
  const { ids, more } = sessionIdsMatching(db, args.filter, MAX_CASE_SESSIONS);
  if (more)
    throw new Error(
      `The filter selects ${sessionsMatching(db, args.filter).toLocaleString('en-US')} sessions; a case takes at most ${MAX_CASE_SESSIONS.toLocaleString('en-US')} at once: narrow the filter.`,
    );
  const sessionIds = [...new Set([...args.sessionIds, ...ids])];
  if (sessionIds.length > MAX_CASE_SESSIONS)
    throw new Error(
      `At most ${MAX_CASE_SESSIONS.toLocaleString('en-US')} sessions at once: narrow the filter.`,
    );
  return { ...args, sessionIds, filter: undefined };
}

export function casesService(context: TriageContext): Pick<VigilService, CaseOps> {
  const { db, emit } = context;
  const signer = signerOf(context);
  const changed = <T>(value: T): T => {
    emit({ type: 'data-changed', reason: 'cases' });
    return value;
  };
  return {
    async listCases({ status, tag }) {
      return findCases(db, { status, tag });
    },
    async getCase({ id }) {
      return caseDetail(db, id);
    },
    async caseOverview({ id }) {
      const { data } = gatherCaseReport(db, id, '');
      return {
        sessions: data.sessions,
        sessionTotal: data.sessionTotal,
        activity: data.totals.timeline?.buckets ?? [],
        countries: data.totals.countries,
        indicators: data.indicators,
      };
    },
    async createCase(args) {
      const id = createCase(db, signer(), withFilteredSessions(db, args));
      return changed(caseDetail(db, id));
    },
    async updateCase(args) {
      updateCase(db, signer(), args);
      return changed(caseDetail(db, args.id));
    },
    async editCaseItems(args) {
      editCaseItems(db, signer(), withFilteredSessions(db, args));
      return changed(caseDetail(db, args.caseId));
    },
    async tagCase(args) {
      tagCase(db, signer(), args);
      return changed(caseDetail(db, args.caseId));
    },
    async addCaseNote({ caseId, body }) {
      addCaseNote(db, signer(), caseId, body);
      return changed(caseDetail(db, caseId));
    },
    async deleteCase({ id, was }) {
      deleteCase(db, signer(), id, was);
      return changed({ deleted: id });
    },
    async caseHistory({ id }) {
      const history = entityHistory(db, 'case', id);
      // A deleted case keeps its history; an id never given to a case has none.
      if (history.length === 0 && !getCase(db, id))
        throw new Error(`No case with id ${id}, and none in the audit log.`);
      return history;
    },
  };
}
