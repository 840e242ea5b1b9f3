// The operations that start, watch and cancel jobs: they own the job workers, so they run on the
// main thread, and so do the CloudWatch calls (their credentials may be functions, which no worker
// can be handed). What they need from the database comes from the job store (services/job-store.ts),
// answered off this thread in the app.
import type { VigilService } from '../../../src-shared/api.js';
import type { CallOptions } from '../connectors/cloudwatch-logs/call.js';
import { type Credentials, listLogGroupsWith } from '../connectors/cloudwatch-logs/index.js';
import { inlineLogFormat } from '../ingest/formats/log-format.js';
import type { ImportJobs } from '../jobs/import-jobs.js';
import type { JobRegistry } from '../jobs/job-registry.js';
import type { ModelJobs } from '../jobs/model-jobs.js';
import type { PullJobs } from '../jobs/pull-jobs.js';
import type { RulesJobs } from '../jobs/rules-jobs.js';
import { sampleFile } from '../paths.js';
import type { JobStore } from './job-store.js';

export const JOB_CONTROL_OPERATIONS = [
  'startImport',
  'loadSample',
  'jobStatus',
  'listJobs',
  'cancelJob',
  'train',
  'scoreSessions',
  'runRules',
  'listLogGroups',
  'startPull',
] as const;
export type JobControlOperation = (typeof JOB_CONTROL_OPERATIONS)[number];

export interface JobControlContext {
  registry: JobRegistry;
  jobs: ImportJobs;
  pulls: PullJobs;
  models: ModelJobs;
  rules: RulesJobs;
  store: JobStore;
  /** Retry and credentials for listing log groups (tests make them fast). */
  cloudWatch?: Pick<CallOptions, 'retry'> & { credentials?: Credentials };
}

export function jobControlService(context: JobControlContext): Pick<VigilService, JobControlOperation> {
  const { registry, jobs, pulls, models, rules, store } = context;
  const presetOf = (name: string | undefined) => (name === undefined ? undefined : store.presetNamed(name));
  return {
    async startImport({ paths, format, preset, logFormat, labels }) {
      if (logFormat !== undefined && preset !== undefined)
        throw new Error('Give a saved preset or a log format string, not both');
      // A preset or format string names the format that reads the file: a format beside it would
      // read it as another while the import record named the preset or string.
      if (format !== undefined && preset !== undefined)
        throw new Error('Give a format or a saved preset, not both: the preset names its own format');
      if (format !== undefined && logFormat !== undefined)
        throw new Error('Give a format or a log format string, not both: the string is the format');
      const mapping = logFormat === undefined ? await presetOf(preset) : inlineLogFormat(logFormat);
      return { jobIds: paths.map((file) => jobs.start({ file, format, preset: mapping, labels })) };
    },
    async loadSample() {
      return { jobIds: [jobs.start({ file: sampleFile(), format: 'cloudwatch-csv' })] };
    },
    async jobStatus({ jobId }) {
      const job = registry.get(jobId);
      if (!job) throw new Error(`No job with id ${jobId}`);
      return job;
    },
    async listJobs() {
      return registry.list();
    },
    async cancelJob({ jobId }) {
      return { cancelled: registry.cancel(jobId) };
    },
    async train({ kind, target, labels, split, params }) {
      return { jobId: models.train({ kind, target, labels, split, params }) };
    },
    async scoreSessions({ runId, kind }) {
      const run = await store.runToScore({ runId, kind });
      return { jobId: models.score(run.id), runId: run.id };
    },
    async runRules() {
      return { jobId: rules.start() };
    },
    async listLogGroups(args) {
      return listLogGroupsWith(store.pulledByGroup, args, {
        retry: context.cloudWatch?.retry,
        credentials: context.cloudWatch?.credentials,
      });
    },
    async startPull({ preset, ...request }) {
      return { jobId: pulls.start({ ...request, preset: await presetOf(preset) }) };
    },
  };
}
