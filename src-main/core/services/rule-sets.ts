// The rule-set calls that write (answered on the writer thread): list (which registers the shipped
// pack on first use), add a folder, add the page's rule files, remove a set. Recomputing hits is a job (services/job-control.ts).
import type { VigilService } from '../../../src-shared/api.js';
import { disableRuleSet, ruleSetById, ruleSetInfo, ruleSetInfos } from '../db/rule-sets.js';
import { addRuleFolder, syncRulePack } from '../rule-hits/rule-set-load.js';
import { addUploadedRules } from '../rule-hits/rule-set-upload.js';
import type { TriageContext } from './triage.js';

type RuleSetOps = 'listRuleSets' | 'addRuleFolder' | 'addRuleFiles' | 'removeRuleSet';

export function ruleSetsService({ db, emit }: TriageContext): Pick<VigilService, RuleSetOps> {
  return {
    async listRuleSets() {
      syncRulePack(db);
      return ruleSetInfos(db);
    },
    async addRuleFolder({ path }) {
      const load = addRuleFolder(db, path);
      emit({ type: 'data-changed', reason: 'rules' });
      return load;
    },
    async addRuleFiles(args) {
      const load = addUploadedRules(db, args);
      emit({ type: 'data-changed', reason: 'rules' });
      return load;
    },
    async removeRuleSet({ id }) {
      if (!ruleSetById(db, id)) throw new Error(`No rule set with id ${id} (see vigil rules list)`);
      disableRuleSet(db, id);
      emit({ type: 'data-changed', reason: 'rules' });
      const set = ruleSetById(db, id);
      if (!set) throw new Error(`Rule set ${id} vanished while it was removed`);
      return ruleSetInfo(db, set);
    },
  };
}
