// Triage operations: verdicts, undo, history, tags, IOC lists, the flag queue and "label next".
import type { VigilEvent, VigilService } from '../../../src-shared/api.js';
import { entityHistory } from '../db/audit.js';
import { listIocLists } from '../db/ioc.js';
import type { Db } from '../db/open.js';
import { deleteTag, findTag, listTags, updateTag } from '../db/tags.js';
import { analystName, setAnalystName } from '../triage/analyst.js';
import { importIocList, removeIocList } from '../triage/ioc-lists.js';
import { labelNext } from '../triage/label-next.js';
import { flagQueue } from '../triage/queue.js';
import { ensureTag, tagSessions } from '../triage/tag-actions.js';
import { undoLastAction } from '../triage/undo.js';
import { setVerdict } from '../triage/verdict-actions.js';

export interface TriageContext {
  db: Db;
  emit(event: VigilEvent): void;
}

type TriageOps =
  | 'getAnalyst'
  | 'setAnalyst'
  | 'setVerdict'
  | 'undoLastAction'
  | 'sessionHistory'
  | 'listTags'
  | 'saveTag'
  | 'deleteTag'
  | 'tagSessions'
  | 'listIocLists'
  | 'importIocList'
  | 'removeIocList'
  | 'flagQueue'
  | 'labelNext';

export function triageService({ db, emit }: TriageContext): Pick<VigilService, TriageOps> {
  const changed = <T>(reason: string, value: T): T => {
    emit({ type: 'data-changed', reason });
    return value;
  };
  return {
    async getAnalyst() {
      return { name: analystName(db) };
    },
    async setAnalyst({ name }) {
      setAnalystName(db, name);
      return { name };
    },
    async setVerdict(args) {
      return changed('verdicts', setVerdict(db, analystName(db), args));
    },
    async undoLastAction() {
      return changed('verdicts', undoLastAction(db, analystName(db)));
    },
    async sessionHistory({ sessionId }) {
      return entityHistory(db, 'session', sessionId);
    },
    async listTags() {
      return listTags(db);
    },
    async saveTag({ name, colour, rename }) {
      const existing = findTag(db, name);
      if (existing) updateTag(db, existing.id, rename ?? existing.name, colour ?? existing.colour);
      else ensureTag(db, rename ?? name, colour);
      return changed('tags', listTags(db));
    },
    async deleteTag({ name }) {
      const tag = findTag(db, name);
      if (!tag) throw new Error(`No tag named "${name}".`);
      deleteTag(db, tag.id);
      return changed('tags', listTags(db));
    },
    async tagSessions(args) {
      return changed('tags', tagSessions(db, analystName(db), args));
    },
    async listIocLists() {
      return listIocLists(db);
    },
    async importIocList(args) {
      return changed('ioc', importIocList(db, analystName(db), args));
    },
    async removeIocList({ name }) {
      return changed('ioc', removeIocList(db, analystName(db), name));
    },
    async flagQueue(query) {
      return flagQueue(db, query);
    },
    async labelNext(query) {
      return labelNext(db, query);
    },
  };
}
