import { useRef, useState } from 'react';
import { api, transport } from '../../api/index.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useHashSubroute } from '../../hooks/useHashSubroute.js';
import { useImports } from '../../hooks/useImports.js';
import { useJobs } from '../../hooks/useJobs.js';
import { CloudWatchDialog } from '../cloudwatch/CloudWatchDialog.js';
import { SourcesPanel } from '../sources/SourcesPanel.js';
import { DropZone } from './DropZone.js';
import { ImportsTable } from './ImportsTable.js';
import { JobRow } from './JobRow.js';
import { QuarantineTable } from './QuarantineTable.js';
import { type Upload, UploadRow } from './UploadRow.js';

export function ImportView() {
  const { jobs, error: jobsError } = useJobs();
  const { imports, error: importsError } = useImports();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const nextKey = useRef(1);
  // `#/import/cloudwatch` opens the CloudWatch dialog: the button below and the File menu go there.
  const cloudwatchOpen = useHashSubroute() === 'cloudwatch';

  const patchUpload = (key: number, patch: Partial<Upload>) =>
    setUploads((current) => current.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  // One file at a time, so the first import runs while the next file is still being sent.
  const importFiles = async (files: File[]) => {
    const queued = files.map((file) => ({ file, key: nextKey.current++ }));
    setUploads((current) => [
      ...current,
      ...queued.map(({ file, key }) => ({ key, name: file.name, fraction: 0, error: null })),
    ]);
    for (const { file, key } of queued) {
      try {
        const grant = await transport.importableFile(file, (fraction) => patchUpload(key, { fraction }));
        await api.importFiles({ grants: [grant] });
        setUploads((current) => current.filter((u) => u.key !== key));
      } catch (e) {
        patchUpload(key, { error: (e as Error).message });
      }
    }
  };

  const run = (work: Promise<unknown>) => {
    setError(null);
    work.catch((e: Error) => setError(e.message));
  };

  const selected = imports.find((record) => record.id === selectedId);
  return (
    <div className="view" data-testid="view-import">
      <header className="view-head">
        <h1>Import</h1>
        <p className="muted">
          Every row is stored, quarantined with the reason, or counted as a duplicate. Re-importing a file is
          skipped.
        </p>
      </header>
      <DropZone onFiles={(files) => run(importFiles(files))} onSample={() => run(api.loadSample({}))}>
        <button
          type="button"
          onClick={() => window.location.assign('#/import/cloudwatch')}
          data-testid="open-cloudwatch"
        >
          Connect to CloudWatch Logs…
        </button>
      </DropZone>
      <CloudWatchDialog
        open={cloudwatchOpen}
        onClose={() => cloudwatchOpen && window.location.assign('#/import')}
      />
      <ErrorNote message={error ?? jobsError ?? importsError} />
      <SourcesPanel />
      {(uploads.length > 0 || jobs.length > 0) && (
        <section className="panel" aria-labelledby="jobs-title">
          <h2 id="jobs-title">Recent jobs</h2>
          <ul className="jobs">
            {uploads.map((upload) => (
              <UploadRow key={upload.key} upload={upload} />
            ))}
            {[...jobs].reverse().map((job) => (
              <JobRow
                key={job.jobId}
                job={job}
                record={imports.find((record) => record.id === job.importId)}
                onCancel={(jobId) => run(api.cancelJob({ jobId }))}
              />
            ))}
          </ul>
        </section>
      )}
      <section className="panel" aria-labelledby="imports-title">
        <h2 id="imports-title">Imports</h2>
        <ImportsTable imports={imports} selectedId={selectedId} onSelect={setSelectedId} />
      </section>
      {/* Keyed by import, so choosing another one starts again at its first page. */}
      {selected && <QuarantineTable key={selected.id} importId={selected.id} fileName={selected.fileName} />}
    </div>
  );
}
