// Case operations: create, edit, items (sessions, IPs), tags, notes, delete.
import type { VigilService } from '../../../src-shared/api.js';
import { gatherCaseReport } from '../reports/case-data.js';
import { analystName } from '../triage/analyst.js';
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
import type { TriageContext } from './triage.js';

type CaseOps =
  | 'listCases'
  | 'getCase'
  | 'caseOverview'
  | 'createCase'
  | 'updateCase'
  | 'editCaseItems'
  | 'tagCase'
  | 'addCaseNote'
  | 'deleteCase';

export function casesService({ db, emit }: TriageContext): Pick<VigilService, CaseOps> {
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
      return { sessions: data.sessions, sessionTotal: data.sessionTotal, indicators: data.indicators };
    },
    async createCase(args) {
      const id = createCase(db, analystName(db), args);
      return changed(caseDetail(db, id));
    },
    async updateCase(args) {
      updateCase(db, analystName(db), args);
      return changed(caseDetail(db, args.id));
    },
    async editCaseItems(args) {
      editCaseItems(db, analystName(db), args);
      return changed(caseDetail(db, args.caseId));
    },
    async tagCase(args) {
      tagCase(db, analystName(db), args);
      return changed(caseDetail(db, args.caseId));
    },
    async addCaseNote({ caseId, body }) {
      addCaseNote(db, analystName(db), caseId, body);
      return changed(caseDetail(db, caseId));
    },
    async deleteCase({ id }) {
      deleteCase(db, analystName(db), id);
      return changed({ deleted: id });
    },
  };
}
