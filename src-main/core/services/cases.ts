// Case operations: create, edit, items (sessions, IPs), notes, delete.
import type { VigilService } from '../../../src-shared/api.js';
import { listCases } from '../db/cases.js';
import { gatherCaseReport } from '../reports/case-data.js';
import { analystName } from '../triage/analyst.js';
import {
  addCaseNote,
  caseDetail,
  createCase,
  deleteCase,
  editCaseItems,
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
  | 'addCaseNote'
  | 'deleteCase';

export function casesService({ db, emit }: TriageContext): Pick<VigilService, CaseOps> {
  const changed = <T>(value: T): T => {
    emit({ type: 'data-changed', reason: 'cases' });
    return value;
  };
  return {
    async listCases({ status }) {
      return listCases(db, status);
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
