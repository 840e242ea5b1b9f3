import { ProgressBar } from '../../components/ProgressBar.js';

/**
 * Where an upload is: its bytes going out ('sending'); every byte sent while the server still
 * receives and stores them ('sent': Cancel still stops it); the server has the file and is starting
 * its import ('starting': the import job's row, with its own Cancel, replaces this one).
 */
export type UploadPhase = 'sending' | 'sent' | 'starting';

export interface Upload {
  key: number;
  name: string;
  fraction: number;
  phase: UploadPhase;
  error: string | null;
  /** Stopped by the analyst (its `error` says so): not a failure. */
  cancelled?: boolean;
}

/** A browser upload on its way to the server, before its import job exists; a failed one stays until dismissed. */
export function UploadRow({
  upload,
  onDismiss,
  onCancel,
}: {
  upload: Upload;
  onDismiss: (key: number) => void;
  onCancel: (key: number) => void;
}) {
  const state = upload.cancelled
    ? 'cancelled'
    : upload.error
      ? 'failed'
      : upload.phase === 'sending'
        ? 'uploading'
        : 'starting';
  // Once the bytes are out the page cannot tell how far the server is: no percentage, which sat
  // at a misleading 100 % while the server was still receiving the file and starting its import.
  const waiting = state === 'starting';
  return (
    <li className="job" data-testid="upload" data-state={state}>
      <div className="job-head">
        <span className="job-name">{upload.name}</span>
        <span className={`badge state-${state === 'uploading' || waiting ? 'queued' : state}`}>{state}</span>
      </div>
      <ProgressBar
        fraction={waiting ? null : upload.fraction}
        state={state}
        label={`Upload of ${upload.name}`}
      />
      {upload.error ? (
        <div className="job-foot">
          <p className="job-message">{upload.error}</p>
          <button type="button" className="small" onClick={() => onDismiss(upload.key)}>
            Dismiss
          </button>
        </div>
      ) : (
        <div className="job-foot">
          <span className="muted" data-testid="upload-progress-text">
            {waiting ? 'Sent; starting the import…' : `Sending ${Math.round(upload.fraction * 100)}%`}
          </span>
          {/* Once the server has the file, stopping it is the import job's Cancel. */}
          {upload.phase !== 'starting' && (
            <button type="button" className="small" onClick={() => onCancel(upload.key)}>
              Cancel
            </button>
          )}
        </div>
      )}
    </li>
  );
}
