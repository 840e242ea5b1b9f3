// The Rules view: the detection-rule sets Vigil has (the shipped pack, folders the analyst added,
// a log's own engine), their rules with level and hits, a run of the rules over every stored
// session, removing a set, and adding the analyst's own rule files (AddRules.tsx: sent as text, as
// the page never names a path on this machine; the CLI's `rules add DIR` loads a folder in place).
import './rules.css';
import { useState } from 'react';
import type { RuleSetInfo } from '../../../src-shared/rules.js';
import { api } from '../../api/index.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { queryState } from '../../data/query-state.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { AddRules } from './AddRules.js';
import { RuleSetCard } from './RuleSetCard.js';
import { RunRulesButton } from './RunRulesButton.js';

export function RulesView() {
  // A set removed or a run ended sends `data-changed` (rules) or the job's end: both re-ask this.
  const sets = queryState(useVigilQuery('listRuleSets', {}));
  const [removing, setRemoving] = useState<number | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const list = sets.data ?? [];
  const remove = (set: RuleSetInfo) => {
    setActionError(null);
    setRemoving(set.id);
    api
      .removeRuleSet({ id: set.id })
      .catch((e: Error) => setActionError(e.message))
      .finally(() => setRemoving(null));
  };
  return (
    <div className="view rules-view" data-testid="view-rules">
      <header className="view-head rules-head">
        <h1>Rules</h1>
        <p className="muted">
          Sigma detection rules run on every import's new sessions. Run them over all sessions after a set
          changed.
        </p>
        <RunRulesButton stale={list.some((set) => set.enabled && set.stale)} />
      </header>
      <ErrorNote message={sets.error ?? actionError} />
      <AddRules sets={list} />
      {sets.data && list.length === 0 && (
        <p className="empty" data-testid="rules-empty">
          No rule set is loaded.
        </p>
      )}
      {list.map((set) => (
        <RuleSetCard key={set.id} set={set} allSets={list} onRemove={remove} removing={removing === set.id} />
      ))}
    </div>
  );
}
