import './models.css';
import { useState } from 'react';
import { activatedInWords } from '../../../src-shared/models.js';
import { untestedInWords } from '../../../src-shared/untested-kinds.js';
import { api } from '../../api/index.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useApplyChange } from '../../data/DataProvider.js';
import { queryState } from '../../data/query-state.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { activationArgs } from './activation-args.js';
import { FloodWarnings } from './FloodWarnings.js';
import { RunDetail } from './RunDetail.js';
import { RunsTable } from './RunsTable.js';
import { TrainDialog } from './TrainDialog.js';

export function ModelsView() {
  const [selected, setSelected] = useState<number | null>(null);
  const [training, setTraining] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // A run appears when training starts and changes when it ends or is scored: its job's progress
  // events say so (jobInvalidates in src-shared/data-changes.ts).
  const runs = queryState(useVigilQuery('listRuns', {}));
  const applyChange = useApplyChange();
  const list = runs.data ?? [];
  const shown = list.find((run) => run.id === selected) ?? list.find((run) => run.status === 'done') ?? null;

  const activate = (runId: number) => {
    setActionError(null);
    setNotice(null);
    // The run of the kind that held its one active slot: it stops flagging, and is named.
    const target = list.find((run) => run.id === runId);
    const before = list.find((run) => run.active && run.kind === target?.kind && run.id !== runId);
    const args = activationArgs(runId, target);
    if (!args) return;
    api.setActiveModel(args).then(
      (run) => {
        // Accepted knowingly: the kinds it names untested stay said beside what changed.
        setNotice([activatedInWords(run, before), untestedInWords(run)].filter(Boolean).join(' '));
        // The core sends no event for this one: what it changes is put out of date here.
        applyChange('active-model');
      },
      (e: Error) => setActionError(e.message),
    );
  };

  return (
    <div className="view models-view" data-testid="view-models">
      <header className="view-head models-head">
        <h1>Models</h1>
        <p className="muted">
          Detection models trained on the stored sessions, each measured against a majority-class baseline.
        </p>
        <button type="button" className="primary" onClick={() => setTraining(true)} data-testid="train-open">
          Train model…
        </button>
      </header>
      <ErrorNote message={runs.error ?? actionError} />
      {notice && (
        <p className="muted" data-testid="models-notice" aria-live="polite">
          {notice}
        </p>
      )}
      <FloodWarnings runs={list} />
      {runs.data && list.length === 0 && (
        <div className="empty" data-testid="runs-empty">
          <p>No model trained yet.</p>
          <p>
            Start with the Isolation Forest: it needs no labels. Supervised models need labels with both
            malicious and benign sessions.
          </p>
        </div>
      )}
      {list.length > 0 && (
        <RunsTable runs={list} selected={shown?.id ?? null} onSelect={setSelected} onActivate={activate} />
      )}
      {shown && <RunDetail run={shown} />}
      <TrainDialog open={training} onClose={() => setTraining(false)} />
    </div>
  );
}
