import './models.css';
import { useState } from 'react';
import { api } from '../../api/index.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useQuery } from '../../hooks/useQuery.js';
import { useVigilEvents } from '../../hooks/useVigilEvents.js';
import { RunDetail } from './RunDetail.js';
import { RunsTable } from './RunsTable.js';
import { TrainDialog } from './TrainDialog.js';

export function ModelsView() {
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [training, setTraining] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  // A run appears when training starts and changes when it ends (done, failed, cancelled) or is scored.
  useVigilEvents((event) => {
    if (event.type === 'job-progress' && (event.job.kind === 'train' || event.job.kind === 'score'))
      if (event.job.state !== 'running' || event.job.runId != null) setVersion((v) => v + 1);
  });
  const runs = useQuery(`runs-${version}`, () => api.listRuns({}));
  const list = runs.data ?? [];
  const shown = list.find((run) => run.id === selected) ?? list.find((run) => run.status === 'done') ?? null;

  const activate = (runId: number) => {
    setActionError(null);
    api.setActiveModel({ runId }).then(
      () => setVersion((v) => v + 1),
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
