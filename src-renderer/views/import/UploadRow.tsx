import { ProgressBar } from '../../components/ProgressBar.js';

export interface Upload {
  key: number;
  name: string;
  fraction: number;
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
  const state = upload.cancelled ? 'cancelled' : upload.error ? 'failed' : 'uploading';
  return (
    <li className="job" data-testid="upload" data-state={state}>
      <div className="job-head">
        <span className="job-name">{upload.name}</span>
        <span className={`badge state-${state === 'uploading' ? 'queued' : state}`}>{state}</span>
      </div>
      <ProgressBar fraction={upload.fraction} state={state} label={`Upload of ${upload.name}`} />
      {upload.error ? (
        <div className="job-foot">
          <p className="job-message">{upload.error}</p>
          <button type="button" className="small" onClick={() => onDismiss(upload.key)}>
            Dismiss
          </button>
        </div>
      ) : (
        <div className="job-foot">
          <span className="muted">Sending {Math.round(upload.fraction * 100)}%</span>
          <button type="button" className="small" onClick={() => onCancel(upload.key)}>
            Cancel
          </button>
        </div>
      )}
    </li>
  );
}
