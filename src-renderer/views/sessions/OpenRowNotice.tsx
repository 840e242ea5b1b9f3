// Said above the table when the session open in the drawer (from a link or a reload) has no row
// the table can go to: the filter excludes it, or the sort is not time order, the one order the
// session's row can be asked for in (session-place.ts), and its row is not among those loaded.
import type { SessionPlace } from './session-place.js';

export function OpenRowNotice({
  place,
  onTimeOrder,
  onDismiss,
}: {
  place: SessionPlace;
  onTimeOrder: () => void;
  onDismiss: () => void;
}) {
  return (
    <p className="open-row-note" role="status" data-testid="open-row-notice">
      {place.kind === 'absent' ? (
        'The open session does not match this filter: it has no row in the table.'
      ) : (
        <>
          The open session is not among the loaded rows: its place in this sort is not known without reading
          every session.{' '}
          <button type="button" onClick={onTimeOrder}>
            Show it in time order
          </button>
        </>
      )}{' '}
      <button type="button" onClick={onDismiss} aria-label="Dismiss">
        ✕
      </button>
    </p>
  );
}
