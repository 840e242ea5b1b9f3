// What an empty database shows: two ways in, and the sample's import progress once started.
import { useState } from 'react';
import { IMPORTABLE_LOGS } from '../../../src-shared/import-formats.js';
import { api } from '../../api/index.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useJobs } from '../../hooks/useJobs.js';

export function StartPage() {
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { jobs } = useJobs();
  const job =
    jobs.find((j) => j.jobId === jobId) ?? jobs.find((j) => j.state === 'running' || j.state === 'queued');
  const loadSample = () => {
    setError(null);
    api
      .loadSample({})
      .then(({ jobIds }) => setJobId(jobIds[0] ?? null))
      .catch((e: Error) => setError(e.message));
  };
  return (
    <div className="view start" data-testid="view-overview">
      <div className="start-card panel" data-testid="start-page">
        <h1>Welcome to Vigil</h1>
        <p>
          There are no sessions in this database yet. Load the bundled sample (282 sessions of web traffic
          flagged by AWS) to look around, or import your own logs: {IMPORTABLE_LOGS}.
        </p>
        <div className="actions">
          <button
            type="button"
            className="primary"
            data-testid="start-load-sample"
            onClick={loadSample}
            disabled={!!job}
          >
            Load sample
          </button>
          <a className="button" href="#/import" data-testid="start-import">
            Import files
          </a>
        </div>
        {job && (
          <div className="start-progress" data-testid="start-progress">
            <p className="muted">{job.message}</p>
            <ProgressBar
              fraction={job.fraction}
              state={job.state}
              // The page follows any import while the database is empty, not only the sample's.
              label={job.jobId === jobId ? 'Importing the sample' : `Importing ${job.file ?? 'a file'}`}
            />
          </div>
        )}
        <ErrorNote message={error ?? job?.error ?? null} />
      </div>
    </div>
  );
}
