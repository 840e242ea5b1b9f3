import { useRef, useState } from 'react';
import type { MappingPreset } from '../../../src-shared/domain.js';
import { logNameOf, pairLabelFiles } from '../../../src-shared/label-files.js';
import { UploadCancelled } from '../../api/http-upload.js';
import { api, transport } from '../../api/index.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { useHashSubroute } from '../../hooks/useHashSubroute.js';
import { useImports } from '../../hooks/useImports.js';
import { useJobs } from '../../hooks/useJobs.js';
import { CloudWatchDialog } from '../cloudwatch/CloudWatchDialog.js';
import { SourcesPanel } from '../sources/SourcesPanel.js';
import { DropZone } from './DropZone.js';
import { type ImportAs, ImportAsField, importAsArgs } from './ImportAsField.js';
import { ImportsTable } from './ImportsTable.js';
import { JobRow } from './JobRow.js';
import { QuarantineTable } from './QuarantineTable.js';
import { type Upload, UploadRow } from './UploadRow.js';

const NO_PRESETS: MappingPreset[] = [];

export function ImportView() {
  const { jobs, error: jobsError } = useJobs();
  const { imports, error: importsError } = useImports();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const nextKey = useRef(1);
  // Each upload's way to stop it (its Cancel), until its import job exists.
  const stoppers = useRef(new Map<number, AbortController>());
  // The page's --format / --map: how the files chosen next are read (detected unless chosen).
  const [importAs, setImportAs] = useState<ImportAs>('');
  const presets = useVigilQuery('listPresets', {}).data ?? NO_PRESETS;
  // `#/import/cloudwatch` opens the CloudWatch dialog: the button below and the File menu go there.
  const cloudwatchOpen = useHashSubroute() === 'cloudwatch';

  const patchUpload = (key: number, patch: Partial<Upload>) =>
    setUploads((current) => current.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  // One log at a time, so the first import runs while the next file is still being sent. A log's
  // LOG.labels.csv dropped with it goes with it (its records get those labels); one without its
  // log is not imported as a log.
  const importFiles = async (files: File[]) => {
    // Taken when the files come, so changing the choice during an upload does not change it.
    const readAs = importAsArgs(importAs);
    const { logs, strays } = pairLabelFiles(files);
    const queued = logs.map((pair) => ({ ...pair, key: nextKey.current++ }));
    setUploads((current) => [
      ...current,
      ...strays.map((file) => ({
        key: nextKey.current++,
        name: file.name,
        fraction: 0,
        phase: 'sending' as const,
        error: `A labels file: drop it together with its log (${logNameOf(file.name)}) to label that log's records.`,
      })),
      ...queued.map(({ log, labels, key }) => ({
        key,
        name: labels ? `${log.name} with ${labels.name}` : log.name,
        fraction: 0,
        phase: 'sending' as const,
        error: null,
      })),
    ]);
    for (const { key } of queued) stoppers.current.set(key, new AbortController());
    for (const { log, labels, key } of queued) {
      const signal = stoppers.current.get(key)?.signal;
      try {
        const labelsGrant = labels && (await transport.importableFile(labels, () => {}, signal));
        const grant = await transport.importableFile(
          log,
          // Every byte sent: the server may still be receiving and storing them (Cancel still stops it).
          (fraction) => patchUpload(key, fraction >= 1 ? { fraction: 1, phase: 'sent' } : { fraction }),
          signal,
        );
        // Cancelled as the last bytes went: the upload is there, but the analyst said not to import it.
        if (signal?.aborted) throw new UploadCancelled(log.name);
        stoppers.current.delete(key);
        // The server has the file; until its import job exists the row says the import is starting.
        patchUpload(key, { phase: 'starting' });
        await api.importFiles({
          grants: [grant],
          ...readAs,
          ...(labelsGrant ? { labels: labelsGrant } : {}),
        });
        setUploads((current) => current.filter((u) => u.key !== key));
      } catch (e) {
        stoppers.current.delete(key);
        patchUpload(key, { error: (e as Error).message, cancelled: e instanceof UploadCancelled });
      }
    }
  };

  // A file still waiting its turn is cancelled as well as the one being sent: the loop skips it.
  const cancelUpload = (key: number) => {
    stoppers.current.get(key)?.abort();
    setUploads((current) =>
      current.map((u) =>
        u.key === key ? { ...u, cancelled: true, error: new UploadCancelled(u.name).message } : u,
      ),
    );
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
        <ImportAsField value={importAs} presets={presets} onChange={setImportAs} />
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
              <UploadRow
                key={upload.key}
                upload={upload}
                onDismiss={(key) => setUploads((current) => current.filter((u) => u.key !== key))}
                onCancel={cancelUpload}
              />
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
