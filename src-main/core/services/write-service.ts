// The calls that change the database, with the reads that live beside them in the same service
// modules (analyst, tags, IOC lists, cases, model runs, imports, presets). createCore answers them
// on one writer thread with its own connection (jobs/writer.ts): a verdict on every session of a
// busy IP, or a write waiting up to the busy timeout while an import builds its indexes, then holds
// that thread, never the main one (the Electron main process, or serve mode's HTTP server).
import { type OperationName, operationNames, type VigilService } from '../../../src-shared/api.js';
import { casesService } from './cases.js';
import { importsService } from './imports.js';
import { JOB_CONTROL_OPERATIONS, type JobControlOperation } from './job-control.js';
import { modelsService } from './models.js';
import { PAGE_OPERATIONS, type PageOperation } from './page.js';
import { READ_OPERATIONS, type ReadOperation } from './read-service.js';
import { type ReportsContext, reportsService } from './reports.js';
import { ruleSetsService } from './rule-sets.js';
import { scopingFilters } from './scoped-filters.js';
import { SOURCE_OPERATIONS, type SourceOperation } from './source-operations.js';
import { type TriageContext, triageService } from './triage.js';

// Every operation that is neither a read (read-service.ts), nor job control (job-control.ts), nor
// a page's safe form of one (page.ts): a new operation runs here unless it is declared elsewhere.
const ELSEWHERE = new Set<string>([
  ...READ_OPERATIONS,
  ...JOB_CONTROL_OPERATIONS,
  ...PAGE_OPERATIONS,
  ...SOURCE_OPERATIONS,
]);
export type WriteOperation = Exclude<
  OperationName,
  ReadOperation | JobControlOperation | PageOperation | SourceOperation
>;
export const WRITE_OPERATIONS = operationNames.filter((name): name is WriteOperation => !ELSEWHERE.has(name));
export type WriteService = Pick<VigilService, WriteOperation>;

export type WriteContext = TriageContext & ReportsContext;

export function writeService(context: WriteContext): WriteService {
  const { db } = context;
  return scopingFilters(db, {
    ...triageService(context),
    ...casesService(context),
    ...reportsService(context),
    ...modelsService(db),
    ...importsService(db),
    ...ruleSetsService(context),
  });
}
