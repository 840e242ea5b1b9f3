// Implements the VigilApi contract from the core modules. Transports (IPC, HTTP, CLI) call only this.
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { VigilEvent, VigilService } from '../../src-shared/api.js';
import { spoolDirOf } from './connectors/cloudwatch-logs/index.js';
import { listImports } from './db/imports.js';
import { type Db, openDatabase } from './db/open.js';
import { hasSessions } from './db/sessions.js';
import { FileGrants } from './file-grants.js';
import { ImportJobs } from './jobs/import-jobs.js';
import { JobRegistry } from './jobs/job-registry.js';
import { ModelJobs } from './jobs/model-jobs.js';
import { PullJobs, type PullJobsOptions } from './jobs/pull-jobs.js';
import { importThrough } from './jobs/queued-spool-import.js';
import { ReadPool } from './jobs/read-pool.js';
import { RulesJobs } from './jobs/rules-jobs.js';
import { SourcePullJobs, type SourcePullJobsOptions } from './jobs/source-pull-jobs.js';
import { Writer } from './jobs/writer.js';
import { removeLeftovers } from './leftovers.js';
import { sampleFile } from './paths.js';
import type { PrintToPdf } from './reports/pdf.js';
import { jobControlService } from './services/job-control.js';
import { jobStore } from './services/job-store.js';
import { pageService } from './services/page.js';
import { readService } from './services/read-service.js';
import { sourcesService } from './services/sources.js';
import { writeService } from './services/write-service.js';

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
  /** A writer thread answers the calls that write (default); false answers them on this thread. */
  writeWorker?: boolean;
  /** Grants for files the analyst chose (default: a new store); the desktop app keeps one across databases. */
  fileGrants?: FileGrants;
  /** The page's CloudWatch endpoint, set outside the page (serve flag, desktop settings); default AWS's. */
  cloudWatchEndpoint?: string;
  /** Who signs this core's changes instead of the analyst setting (the CLI's --analyst). */
  analyst?: string;
  /** Remote source connections and pulls: timeout, rows per chunk (tests make them small). */
  sourceOptions?: SourcePullJobsOptions['pullOptions'];
}

export interface Core {
  service: VigilService;
  db: Db;
  /** The import of the embedded sample into an empty database on first start, or null. */
  sampleJob: string | null;
  /** Every job (imports, pulls, training, scoring): found, listed and cancelled in one place. */
  registry: JobRegistry;
  jobs: ImportJobs;
  pulls: PullJobs;
  sourcePulls: SourcePullJobs;
  models: ModelJobs;
  /** Rules runs over the whole database. */
  rules: RulesJobs;
  /** The worker threads answering read-only calls (null when they run on this thread). */
  readers: ReadPool | null;
  /** The thread answering the calls that write (null when they run on this thread). */
  writer: Writer | null;
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

  // Writes (and the reads beside them) go to one writer thread, and so do the job control's own
  // database calls: better-sqlite3 blocks the thread it runs on, for a long write or for as long
  // as the busy timeout while an import holds the write lock. After opening, this thread leaves
  // SQLite to the workers (jobs/writer.ts).
  const { analyst, printToPdf } = options;
  const writer =
    options.writeWorker === false ? null : new Writer({ dbPath, analyst, printToPdf, onEvent: emit });
  const writes = writer ? writer.service() : writeService({ db, emit, analyst, printToPdf });
  const store = writer ? writer.store() : jobStore(db);

  // Every job, whatever runs it: its progress goes to the pages, and a finished one changed data.
  const registry = new JobRegistry((job) => {
    emit({ type: 'job-progress', job });
    if (job.state === 'done') emit({ type: 'data-changed', reason: job.kind });
  });
  const jobs = new ImportJobs({
    dbPath,
    cacheDir: path.join(path.dirname(dbPath), 'cache'),
    enrich: options.enrich,
    registry,
  });

  const pulls = new PullJobs({
    positions: {
      get: store.pullPosition,
      record: (key, position) => store.recordPullPosition({ key, position }),
    },
    spoolDir: spoolDirOf(dbPath),
    imports: jobs,
    pullOptions: options.pullOptions,
    registry,
  });

  const sourcePulls = new SourcePullJobs({
    watermarks: {
      get: store.sourceWatermark,
      record: (key, ts) => store.recordSourceWatermark({ key, ts }),
    },
    spoolDir: spoolDirOf(dbPath),
    importSpool: importThrough(jobs, registry),
    warmImport: () => jobs.warm(),
    registry,
    pullOptions: options.sourceOptions,
  });

  const models = new ModelJobs({
    dbPath,
    failRun: (runId, message) => store.failRun({ runId, message }),
    registry,
  });

  const rules = new RulesJobs({ dbPath, registry });

  // Read-only calls go to worker threads, so a query of seconds never holds this thread.
  const readers = options.readWorkers === 0 ? null : new ReadPool(dbPath, options.readWorkers);
  const reads = readers ? readers.service() : readService(db);
  const jobControl = jobControlService({
    registry,
    jobs,
    pulls,
    models,
    rules,
    store,
    cloudWatch: { retry: options.pullOptions?.retry, credentials: options.pullOptions?.credentials },
  });
  const fileGrants = options.fileGrants ?? new FileGrants();
  const page = pageService(jobControl, {
    grants: fileGrants,
    cloudWatchEndpoint: options.cloudWatchEndpoint,
  });
  const sources = sourcesService({ store, pulls: sourcePulls, connection: options.sourceOptions });
  const service: VigilService = { ...writes, ...jobControl, ...page, ...sources, ...reads };

  const sampleJob =
    options.sampleOnFirstStart && !hasSessions(db) && listImports(db).length === 0
      ? jobs.start({ file: sampleFile(), format: 'cloudwatch-csv' })
      : null;

  return {
    service,
    db,
    sampleJob,
    registry,
    jobs,
    pulls,
    sourcePulls,
    models,
    rules,
    readers,
    writer,
    events,
    fileGrants,
    async close() {
      await readers?.close();
      // Pulls and models save what they end through the writer: it closes after them, and after
      // the imports, whose write lock a write under way may be waiting for.
      await pulls.close();
      await sourcePulls.close();
      await models.close();
      await rules.close();
      await jobs.close();
      await writer?.close();
      db.close();
    },
  };
}
