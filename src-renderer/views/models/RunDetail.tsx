// One run in full: metrics beside the baseline, confusion matrix, ROC and PR curves, feature
// importances, and what it was trained with.
import { featureName } from '../../../src-shared/feature-names.js';
import type { ModelRun } from '../../../src-shared/models.js';
import {
  fewHeldOut,
  measuredOn,
  onNeitherSide,
  populationWarning,
} from '../../../src-shared/run-population.js';
import { formatScore } from '../../../src-shared/score-format.js';
import { thresholdFromInWords } from '../../../src-shared/threshold-words.js';
import { trainedOnInWords } from '../../../src-shared/trained-on.js';
import { formatCount } from '../../format.js';
import { ConfusionMatrix } from './ConfusionMatrix.js';
import { CurveCharts } from './CurveCharts.js';
import { Importances } from './Importances.js';
import { KindMetrics } from './KindMetrics.js';
import { MetricsCompare } from './MetricsCompare.js';
import { duration, labelSourceText, runName } from './model-format.js';
import { ScoreButton } from './ScoreButton.js';

export function RunDetail({ run }: { run: ModelRun }) {
  const m = run.metrics;
  return (
    <section className="panel run-detail" data-testid="run-detail" data-run-id={run.id}>
      <header className="run-detail-head">
        <h2>
          Run #{run.id}: {runName(run)}
        </h2>
        <p className="muted">
          {run.status} · backend {run.backend} · split {run.split ?? 'none'} · labels {labelSourceText(run)} ·{' '}
          {duration(run.durationMs)}
        </p>
      </header>
      {run.message && <p className="muted">{run.message}</p>}
      {run.status === 'done' && <ScoreButton key={run.id} runId={run.id} scored={run.scoredSessions} />}
      {m ? (
        <>
          <p className="muted" data-testid="run-trained-on">
            {trainedOnInWords(m, run, true)}; tested on {formatCount(m.testRows)} (
            {formatCount(m.testPositives)} malicious).
          </p>
          {measuredOn(m) && (
            <p className="muted" data-testid="run-measured-on">
              {measuredOn(m)}
            </p>
          )}
          {onNeitherSide(m, run) && (
            <p className="muted" data-testid="run-on-neither-side">
              {onNeitherSide(m, run)}
            </p>
          )}
          {fewHeldOut(m) && (
            <p className="warn-note" data-testid="run-few-held-out">
              {fewHeldOut(m)}
            </p>
          )}
          {thresholdFromInWords(m.thresholdFrom, run.kind) && (
            <p
              className={m.thresholdFrom === 'default' && run.kind !== 'iforest' ? 'warn-note' : 'muted'}
              data-testid="run-threshold-from"
            >
              Threshold {formatScore(m.model.threshold)}: {thresholdFromInWords(m.thresholdFrom, run.kind)}.
            </p>
          )}
          {populationWarning(m) && (
            <p className="warn-note" data-testid="run-population-warning">
              {populationWarning(m)}
            </p>
          )}
          {m.excludedFeatures && (
            <p className="warn-note" data-testid="run-excluded-features">
              {m.excludedFeatures.reason} Left out:{' '}
              {m.excludedFeatures.features.map((feature) => featureName(feature)).join(', ')}.
            </p>
          )}
          {m.multiclass && (
            <h3 data-testid="run-as-detector">
              As a detector: a session scoring 1 − P(benign) at or above the threshold is flagged
            </h3>
          )}
          <div className="run-grid">
            <MetricsCompare metrics={m} />
            <ConfusionMatrix metrics={m.model} />
          </div>
          <CurveCharts metrics={m} />
          {m.multiclass && <KindMetrics metrics={m.multiclass} run={run} />}
          {m.importances && m.importances.length > 0 && (
            <>
              <h3>Feature importances</h3>
              <Importances importances={m.importances} />
            </>
          )}
        </>
      ) : (
        <p data-testid="run-not-evaluated">
          Not evaluated:{' '}
          {run.status === 'done' ? 'the data had no usable labels to test against' : run.status}.
        </p>
      )}
      <details>
        <summary>Parameters and features</summary>
        <p>
          <code className="raw">{JSON.stringify(run.params)}</code>
        </p>
        <p className="muted">{run.features.join(', ') || '–'}</p>
      </details>
    </section>
  );
}
