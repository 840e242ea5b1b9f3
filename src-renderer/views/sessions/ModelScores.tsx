// One session's score from every model run that scored it, with the features behind a flag (and,
// for a threat-type run, the kind it was flagged as with that kind's probability).
import { whyEntryInWords } from '../../../src-shared/feature-values.js';
import type { SessionScore } from '../../../src-shared/models.js';
import { predictedKindUntested } from '../../../src-shared/untested-kinds.js';
import { queryState } from '../../data/query-state.js';
import { useVigilQuery } from '../../data/vigil-query.js';

export function ModelScores({ sessionId }: { sessionId: number }) {
  const scores = queryState(useVigilQuery('sessionScores', { sessionId }));
  if (scores.error) return <p className="error-note">{scores.error}</p>;
  if (!scores.data) return <p className="muted">Loading scores…</p>;
  if (scores.data.length === 0)
    return (
      <p className="muted" data-testid="drawer-no-scores">
        No model has scored this session yet. Train and score one in Models.
      </p>
    );
  return (
    <ul className="score-list" data-testid="drawer-scores">
      {scores.data.map((score) => (
        <ScoreItem key={score.runId} score={score} />
      ))}
    </ul>
  );
}

function ScoreItem({ score }: { score: SessionScore }) {
  const top = score.explanation?.slice(0, 5) ?? [];
  // Said where the kind is shown in detail (drawer, Triage), not in the Sessions table's column.
  const untested = score.predictedKind && predictedKindUntested(score.predictedKind, score.kindTesting);
  const largest = Math.max(...top.map((item) => Math.abs(item.contribution)), 1e-9);
  return (
    <li data-flagged={score.flagged}>
      <div className="score-head">
        <strong>
          {score.kind} run {score.runId}
        </strong>
        {score.active && <span className="badge">active</span>}
        <span className={score.flagged ? 'badge state-failed' : 'badge'}>
          {score.flagged ? 'flagged' : 'not flagged'}
        </span>
        <span className="num">score {score.score.toFixed(3)}</span>
        {score.predictedKind && (
          <span className="badge" data-testid="score-kind">
            {score.predictedKind} {Math.round(100 * (score.kindProbability ?? 0))} %
          </span>
        )}
      </div>
      {untested && (
        <p className="warn-note" data-testid="score-kind-untested">
          {untested}
        </p>
      )}
      {top.length > 0 && (
        <div className="why">
          <span className="muted">
            {score.predictedKind ? `Why flagged as ${score.predictedKind}:` : 'Why flagged:'}
          </span>
          <ul>
            {top.map((item) => (
              <li key={item.feature}>
                <span className="why-feature" title={item.feature}>
                  {whyEntryInWords(item)}
                </span>
                <span
                  className="why-bar"
                  style={{ width: `${(Math.abs(item.contribution) / largest) * 100}%` }}
                />
                <span className="num">{item.contribution.toFixed(3)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}
