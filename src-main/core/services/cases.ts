// Case operations: create, edit, items (sessions, IPs), tags, notes, delete.
import type { VigilService } from '../../../src-shared/api.js';
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
  | 'deleteCase';

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
      return { sessions: data.sessions, sessionTotal: data.sessionTotal, indicators: data.indicators };
    },
    async createCase(args) {
      const id = createCase(db, signer(), args);
      return changed(caseDetail(db, id));
    },
    async updateCase(args) {
      updateCase(db, signer(), args);
      return changed(caseDetail(db, args.id));
    },
    async editCaseItems(args) {
      editCaseItems(db, signer(), args);
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
    async deleteCase({ id }) {
      deleteCase(db, signer(), id);
      return changed({ deleted: id });
    },
  };
}
