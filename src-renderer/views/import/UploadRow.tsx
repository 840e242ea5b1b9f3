import { ProgressBar } from '../../components/ProgressBar.js';

export interface Upload {
  key: number;
  name: string;
  fraction: number;
  error: string | null;
}

/** A browser upload on its way to the server, before its import job exists; a failed one stays until dismissed. */
export function UploadRow({ upload, onDismiss }: { upload: Upload; onDismiss: (key: number) => void }) {
  return (
    <li className="job" data-testid="upload" data-state={upload.error ? 'failed' : 'uploading'}>
      <div className="job-head">
        <span className="job-name">{upload.name}</span>
        <span className={`badge state-${upload.error ? 'failed' : 'queued'}`}>
          {upload.error ? 'failed' : 'uploading'}
        </span>
      </div>
      <ProgressBar
        fraction={upload.fraction}
        state={upload.error ? 'failed' : 'uploading'}
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
        <p className="muted">Sending {Math.round(upload.fraction * 100)}%</p>
      )}
    </li>
  );
}
