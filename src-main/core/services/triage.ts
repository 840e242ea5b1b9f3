// Triage operations: verdicts, undo, history, tags, IOC lists, the flag queue and "label next".
import type { VigilEvent, VigilService } from '../../../src-shared/api.js';
import type { ChangeReason } from '../../../src-shared/data-changes.js';
import { entityHistory } from '../db/audit.js';
import { verifyAuditChain } from '../db/audit-chain.js';
import { listIocLists } from '../db/ioc.js';
import type { Db } from '../db/open.js';
import { findTag, listTags } from '../db/tags.js';
import { existingSessionIds } from '../db/verdicts.js';
import { analystName, setAnalystName } from '../triage/analyst.js';
import { importIocList, removeIocList } from '../triage/ioc-lists.js';
import { labelNext } from '../triage/label-next.js';
import { flagQueue } from '../triage/queue.js';
import { ensureTag, tagSessions } from '../triage/tag-actions.js';
import { deleteTagAudited } from '../triage/tag-delete.js';
import { updateTagAudited } from '../triage/tag-update.js';
import { undoLastAction } from '../triage/undo.js';
import { setVerdict } from '../triage/verdict-actions.js';

export interface TriageContext {
  db: Db;
  emit(event: VigilEvent): void;
  /** Who signs this core's changes when not the analyst setting (the CLI's --analyst). */
  analyst?: string;
}

/** The name that signs a change: the core's override, else the analyst setting (or OS user). */
export function signerOf({ db, analyst }: TriageContext): () => string {
  return () => analyst ?? analystName(db);
}

type TriageOps =
  | 'getAnalyst'
  | 'setAnalyst'
  | 'setVerdict'
  | 'undoLastAction'
  | 'sessionHistory'
  | 'verifyAuditChain'
  | 'listTags'
  | 'saveTag'
  | 'deleteTag'
  | 'tagSessions'
  | 'listIocLists'
  | 'importIocList'
  | 'removeIocList'
  | 'flagQueue'
  | 'labelNext';

export function triageService(context: TriageContext): Pick<VigilService, TriageOps> {
  const { db, emit } = context;
  const signer = signerOf(context);
  const changed = <T>(reason: ChangeReason, value: T): T => {
    emit({ type: 'data-changed', reason });
    return value;
  };
  return {
    async getAnalyst() {
      return { name: signer() };
    },
    async setAnalyst({ name }) {
      setAnalystName(db, name);
      // Who signs from now on: a name this core was started with (--analyst) still wins.
      return { name: signer() };
    },
    async setVerdict(args) {
      return changed('verdicts', setVerdict(db, signer(), args));
    },
    async undoLastAction({ actionId }) {
      // It reverses a verdict or a tag action.
      return changed('undo', undoLastAction(db, signer(), actionId));
    },
    async verifyAuditChain({ expectHash }) {
      return verifyAuditChain(db, { expectHash });
    },
    async sessionHistory({ sessionId }) {
      const history = entityHistory(db, 'session', sessionId);
      // A session rolled back with its import keeps its history; an id never stored has none.
      if (history.length === 0 && existingSessionIds(db, [sessionId]).length === 0)
        throw new Error(`No stored session with id ${sessionId}.`);
      return history;
    },
    async listTags() {
      return listTags(db);
    },
    async saveTag({ name, colour, rename }) {
      const existing = findTag(db, name);
      if (existing) updateTagAudited(db, signer(), name, { rename, colour });
      else ensureTag(db, rename ?? name, colour);
      return changed('tags', listTags(db));
    },
    async deleteTag({ name }) {
      deleteTagAudited(db, signer(), name);
      return changed('tags', listTags(db));
    },
    async tagSessions(args) {
      return changed('tags', tagSessions(db, signer(), args));
    },
    async listIocLists() {
      return listIocLists(db);
    },
    async importIocList(args) {
      return changed('ioc', importIocList(db, signer(), args));
    },
    async removeIocList({ name }) {
      return changed('ioc', removeIocList(db, signer(), name));
    },
    async flagQueue(query) {
      return flagQueue(db, query);
    },
    async labelNext(query) {
      return labelNext(db, query);
    },
  };
}
