// Implements the VigilApi contract from the core modules. Transports (IPC, HTTP, CLI) call only this.
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { VigilEvent, VigilService } from '../../src-shared/api.js';
import { listLogGroups, spoolDirOf } from './connectors/cloudwatch-logs/index.js';
import { getImport, listImports } from './db/imports.js';
import { type Db, openDatabase } from './db/open.js';
import { getPreset, listPresets, savePreset } from './db/presets.js';
import { quarantinePage } from './db/quarantine.js';
import { hasSessions } from './db/sessions.js';
import { FileGrants } from './file-grants.js';
import { ImportJobs } from './jobs/import-jobs.js';
import { ModelJobs } from './jobs/model-jobs.js';
import { PullJobs, type PullJobsOptions } from './jobs/pull-jobs.js';
import { ReadPool } from './jobs/read-pool.js';
import { removeLeftovers } from './leftovers.js';
import { sampleFile } from './paths.js';
import type { PrintToPdf } from './reports/pdf.js';
import { casesService } from './services/cases.js';
import { modelsService } from './services/models.js';
import { type PageOperation, pageService } from './services/page.js';
import { type ReadOperation, readService } from './services/read-service.js';
import { reportsService } from './services/reports.js';
import { scopingFilters } from './services/scoped-filters.js';
import { triageService } from './services/triage.js';

export interface CoreOptions {
  dbPath: string;
  /** Import the embedded sample when the database has no sessions (first start). */
  sampleOnFirstStart?: boolean;
  enrich?: boolean;
  /** CloudWatch Logs pulls: retry, polling, credentials, chunk sizes (tests make them fast). */
  pullOptions?: PullJobsOptions['pullOptions'];
  /** Report PDFs: the Electron app passes webContents.printToPDF; default headless Chromium. */
  printToPdf?: PrintToPdf;
  /** Worker threads answering the read-only calls (default: by cores); 0 answers them on this thread. */
  readWorkers?: number;
  /** Grants for files the analyst chose (default: a new store); the desktop app keeps one across databases. */
  fileGrants?: FileGrants;
  /** The page's CloudWatch endpoint, set outside the page (serve flag, desktop settings); default AWS's. */
  cloudWatchEndpoint?: string;
  /** Who signs this core's changes instead of the analyst setting (the CLI's --analyst). */
  analyst?: string;
}

export interface Core {
  service: VigilService;
  db: Db;
  jobs: ImportJobs;
  pulls: PullJobs;
  models: ModelJobs;
  /** The worker threads answering read-only calls (null when they run on this thread). */
  readers: ReadPool | null;
  events: EventEmitter<{ event: [VigilEvent] }>;
  /** Where the main side grants the page one import of a file the analyst chose. */
  fileGrants: FileGrants;
  close(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const dbPath = path.resolve(options.dbPath);
  // Opening recovers what a crashed or killed process left unfinished (db/open.ts).
  const db = openDatabase(dbPath);
  // Chunks of pulls that a crash interrupted: their events are refetched when the pull resumes.
  removeLeftovers(spoolDirOf(dbPath));
  const events = new EventEmitter<{ event: [VigilEvent] }>();
  const emit = (event: VigilEvent) => events.emit('event', event);
  const jobs = new ImportJobs({
    dbPath,
    cacheDir: path.join(path.dirname(dbPath), 'cache'),
    enrich: options.enrich,
    onProgress: (job) => {
      emit({ type: 'job-progress', job });
      if (job.state === 'done') emit({ type: 'data-changed', reason: 'import' });
    },
  });

  const pulls = new PullJobs({
    db,
    imports: jobs,
    pullOptions: options.pullOptions,
    onProgress: (job) => {
      emit({ type: 'job-progress', job });
      if (job.state === 'done') emit({ type: 'data-changed', reason: 'pull' });
    },
  });

  const models = new ModelJobs({
    dbPath,
    db,
    onProgress: (job) => {
      emit({ type: 'job-progress', job });
      if (job.state === 'done') emit({ type: 'data-changed', reason: job.kind });
    },
  });

  const resolvePreset = (name: string | undefined) => {
    if (name === undefined) return undefined;
    const preset = getPreset(db, name);
    if (!preset)
      throw new Error(
        `No mapping preset named "${name}". Save one first (vigil preset save, or the Import view).`,
      );
    return preset;
  };

  // Read-only calls go to worker threads, so a query of seconds never holds this thread.
  const readers = options.readWorkers === 0 ? null : new ReadPool(dbPath, options.readWorkers);
  const reads = readers ? readers.service() : readService(db);
  const writes = scopingFilters<Omit<VigilService, ReadOperation | PageOperation>>(db, {
    ...triageService({ db, emit, analyst: options.analyst }),
    ...casesService({ db, emit, analyst: options.analyst }),
    ...reportsService({ db, printToPdf: options.printToPdf }),
    ...modelsService({ db, models }),
    async startImport({ paths, format, preset }) {
      const mapping = resolvePreset(preset);
      return { jobIds: paths.map((file) => jobs.start({ file, format, preset: mapping })) };
    },
    async loadSample() {
      return { jobIds: [jobs.start({ file: sampleFile(), format: 'cloudwatch-csv' })] };
    },
    async jobStatus({ jobId }) {
      const job = jobs.get(jobId) ?? pulls.get(jobId) ?? models.get(jobId);
      if (!job) throw new Error(`No job with id ${jobId}`);
      return job;
    },
    async listJobs() {
      return [...jobs.list(), ...pulls.list(), ...models.list()];
    },
    async cancelJob({ jobId }) {
      return { cancelled: jobs.cancel(jobId) || pulls.cancel(jobId) || models.cancel(jobId) };
    },
    async listImports() {
      return listImports(db);
    },
    async quarantinePage({ importId, offset, limit }) {
      if (!getImport(db, importId)) throw new Error(`No import with id ${importId}`);
      return quarantinePage(db, importId, offset, limit);
    },
    async listPresets() {
      return listPresets(db);
    },
    async savePreset(preset) {
      savePreset(db, preset);
      return { name: preset.name };
    },
    async listLogGroups(args) {
      return listLogGroups(db, args, {
        retry: options.pullOptions?.retry,
        credentials: options.pullOptions?.credentials,
      });
    },
    async startPull({ preset, ...request }) {
      return { jobId: pulls.start({ ...request, preset: resolvePreset(preset) }) };
    },
  });
  const fileGrants = options.fileGrants ?? new FileGrants();
  const page = pageService(writes, { grants: fileGrants, cloudWatchEndpoint: options.cloudWatchEndpoint });
  const service: VigilService = { ...writes, ...page, ...reads };

  if (options.sampleOnFirstStart && !hasSessions(db) && listImports(db).length === 0) {
    jobs.start({ file: sampleFile(), format: 'cloudwatch-csv' });
  }

  return {
    service,
    db,
    jobs,
    pulls,
    models,
    readers,
    events,
    fileGrants,
    async close() {
      await readers?.close();
      await pulls.close();
      await models.close();
      await jobs.close();
      db.close();
    },
  };
}
