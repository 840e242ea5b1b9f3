// The line above every remote view: which source the figures come from and that its engine computed
// them, how long the running question has taken, Cancel (kills it on the server), and the two ways
// on: pull the slice into the workspace, or go back to the local workspace.
import { ProgressBar } from '../../components/ProgressBar.js';
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
  const { result, elapsed, cancelled, stopConfirmed, cancel, askAgain } = query;
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
      {(cancelled || (!result.isFetching && result.error)) && (
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
