// How a pull's chunks are imported in the app: through the import job queue (off this thread, one
// writer at a time), cancelled with the pull. Shared by CloudWatch and remote-source pulls.
import type { SpoolImport } from '../connectors/cloudwatch-logs/chunker.js';
import type { ImportJobs } from './import-jobs.js';
import type { JobRegistry } from './job-registry.js';

export function importThrough(imports: ImportJobs, registry: JobRegistry): SpoolImport {
  return async (file, { format, preset, origin }, signal) => {
    const jobId = imports.start({ file, format, preset, origin });
    const onAbort = () => imports.cancel(jobId);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const record = await imports.wait(jobId);
      if (!record) throw new Error(registry.get(jobId)?.error ?? 'The import of pulled events failed.');
      return record;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  };
}
