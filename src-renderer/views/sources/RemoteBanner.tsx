// The line above every remote view: which source the figures come from and that its engine computed
// them, how long the running question has taken, Cancel (kills it on the server), and the two ways
// on: pull the slice into the workspace, or go back to the local workspace. A question the source
// cannot answer as asked (a term only the workspace knows) is said with its fixes, not "Ask again".
import { type Refusal, refusalMessage } from '../../../src-shared/refusal.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { removeFilterTerm } from '../../state/filter.js';
import { chooseSource } from '../../state/source.js';
import type { SourceQuery, SourceQueryName } from './useSourceQuery.js';

interface RemoteBannerProps {
  source: string;
  query: SourceQuery<SourceQueryName>;
  /** What the view shows ("the Overview", "sessions"), for the lines that say what is happening. */
  what: string;
  onPull?: () => void;
}

export function RemoteBanner({ source, query, what, onPull }: RemoteBannerProps) {
  const { result, elapsed, cancelled, stopConfirmed, refusal, cancel, askAgain } = query;
  const cancelledLine =
    stopConfirmed === null
      ? `Cancelling: stopping the query on ${source}…`
      : stopConfirmed
        ? `Cancelled: the query was stopped on ${source}.`
        : `Cancelled here, but ${source} could not be told to stop the query: it may still be running there.`;
  return (
    <section className="remote-banner" aria-label="Remote source" data-testid="remote-banner">
      <div className="remote-banner-head">
        <strong data-testid="remote-label">Remote: {source} (ClickHouse) — computed by the engine</strong>
        <span className="remote-banner-actions">
          {onPull && (
            <button type="button" className="primary" onClick={onPull} data-testid="open-pull">
              Pull into workspace…
            </button>
          )}
          <button type="button" onClick={() => chooseSource(null)} data-testid="back-to-local">
            Local workspace
          </button>
        </span>
      </div>
      {result.isFetching && (
        <div className="remote-banner-progress" data-testid="remote-running">
          <ProgressBar fraction={null} state="running" label={`Asking ${source} for ${what}`} />
          <span className="muted">
            Asking the engine for {what}
            {elapsed !== null && elapsed >= 1000 ? ` · ${Math.floor(elapsed / 1000)} s` : ''}
          </span>
          <button type="button" onClick={cancel} data-testid="remote-cancel">
            Cancel
          </button>
        </div>
      )}
      {refusal && !cancelled && <RefusalNote refusal={refusal} />}
      {!refusal && (cancelled || (!result.isFetching && result.error)) && (
        <p className={cancelled ? 'muted' : 'error-note'} role="alert" data-testid="remote-error">
          {cancelled ? cancelledLine : result.error?.message}{' '}
          <button type="button" className="small" onClick={askAgain} data-testid="remote-retry">
            Ask again
          </button>
        </p>
      )}
    </section>
  );
}

/**
 * A filter term the source cannot answer: which, and the two ways on, each one click: the filter
 * without it (answered by the engine), or the local workspace with the whole filter.
 */
function RefusalNote({ refusal }: { refusal: Refusal }) {
  const { term } = refusal;
  return (
    <div className="remote-refused" role="alert" data-testid="remote-refused" data-term={term}>
      <p data-testid="remote-refused-message">{refusalMessage(refusal)}</p>
      <span className="remote-refused-actions">
        <button
          type="button"
          className="small"
          onClick={() => removeFilterTerm(term)}
          data-testid="remote-remove-term"
        >
          Remove {term}: from the filter
        </button>
        <button
          type="button"
          className="small"
          onClick={() => chooseSource(null)}
          data-testid="remote-refused-local"
        >
          Filter the local workspace instead
        </button>
      </span>
    </div>
  );
}
