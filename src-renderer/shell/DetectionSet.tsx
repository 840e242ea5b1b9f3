// The top bar's "Flagged by": which run of each model kind decides what is flagged, in every view.
// Picking another run makes it its kind's active run (the same call as Models' Set active).
import { useState } from 'react';
import type { ModelRun } from '../../src-shared/models.js';
import { api } from '../api/index.js';
import { useApplyChange } from '../data/DataProvider.js';
import { floodWarning } from '../data/detection-set.js';
import { useVigilQuery } from '../data/vigil-query.js';

export function DetectionSet() {
  const runs = useVigilQuery('listRuns', {});
  const applyChange = useApplyChange();
  const [error, setError] = useState<string | null>(null);
  const done = (runs.data ?? []).filter((run) => run.status === 'done');
  const kinds = [...new Set(done.map((run) => run.kind))];
  const activate = (runId: number) => {
    setError(null);
    api.setActiveModel({ runId }).then(
      // The core sends no event for this one: what it changes is put out of date here.
      () => applyChange('active-model'),
      (e: Error) => setError(e.message),
    );
  };
  return (
    <div className="detection-set" data-testid="detection-set" title="What counts as flagged in every view">
      <span className="muted">Flagged by</span>
      {kinds.length === 0 && <span className="muted"> no model yet</span>}
      {kinds.map((kind) => (
        <KindChoice key={kind} runs={done.filter((run) => run.kind === kind)} onPick={activate} />
      ))}
      {error && (
        <span className="error-note" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function KindChoice({ runs, onPick }: { runs: ModelRun[]; onPick(runId: number): void }) {
  const active = runs.find((run) => run.active);
  const warning = active ? floodWarning(active) : null;
  return (
    <label className="detection-kind">
      <select
        aria-label={`Active ${runs[0]?.kind} run`}
        data-testid={`detection-${runs[0]?.kind}`}
        value={active?.id ?? ''}
        onChange={(event) => onPick(Number(event.target.value))}
      >
        {!active && <option value="">{runs[0]?.kind}: none active</option>}
        {runs.map((run) => (
          <option key={run.id} value={run.id}>
            {run.kind} #{run.id} · {run.flaggedSessions.toLocaleString('en-US')} flagged
          </option>
        ))}
      </select>
      {warning && (
        <span
          className="flood-mark"
          role="img"
          data-testid="detection-warning"
          title={warning}
          aria-label={warning}
        >
          ⚠
        </span>
      )}
    </label>
  );
}
