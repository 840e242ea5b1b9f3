// Said above the table when the session open in the drawer (from a link or a reload) has no row in
// it: the filter excludes the session (useOpenRowPlace). Under any sort a session the filter
// matches has its row, and the table goes to it.
export function OpenRowNotice({ onDismiss }: { onDismiss: () => void }) {
  return (
    <p className="open-row-note" role="status" data-testid="open-row-notice">
      The open session does not match this filter: it has no row in the table.{' '}
      <button type="button" onClick={onDismiss} aria-label="Dismiss">
        ✕
      </button>
    </p>
  );
}
