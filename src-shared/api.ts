// The one contract between the renderer and the main side. Every transport (Electron IPC, HTTP)
// validates arguments and results against these schemas; the renderer's API type derives from them.
import { z } from 'zod';
import { ListLogGroupsArgs, LogGroupInfo, PullArgs } from './cloudwatch.js';
import {
  DashboardSummary,
  FormatId,
  ImportRecord,
  JobProgress,
  MappingPreset,
  QuarantineRow,
  Session,
  SessionFilter,
  SessionSortField,
} from './domain.js';

const op = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R) => ({ args, result });
const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export const operations = {
  /** Starts one import job per file; files are paths on the machine that runs the core. */
  startImport: op(
    z.object({
      paths: z.array(z.string().min(1).max(4096)).min(1).max(1000),
      format: FormatId.optional(),
      preset: z.string().max(100).optional(),
    }),
    z.object({ jobIds: z.array(z.string()) }),
  ),
  /** Imports the embedded sample (the public CloudWatch web-attack CSV). */
  loadSample: op(z.object({}), z.object({ jobIds: z.array(z.string()) })),
  jobStatus: op(z.object({ jobId: z.string().max(100) }), JobProgress),
  listJobs: op(z.object({}), z.array(JobProgress)),
  cancelJob: op(z.object({ jobId: z.string().max(100) }), z.object({ cancelled: z.boolean() })),
  listImports: op(z.object({}), z.array(ImportRecord)),
  quarantinePage: op(
    z.object({
      importId: z.number().int(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    pageOf(QuarantineRow),
  ),
  sessionPage: op(
    z.object({
      filter: SessionFilter.default({}),
      sort: SessionSortField.default('startTs'),
      direction: z.enum(['asc', 'desc']).default('asc'),
      offset: z.number().int().min(0).max(100_000_000).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    pageOf(Session),
  ),
  dashboardSummary: op(z.object({ filter: SessionFilter.default({}) }), DashboardSummary),
  listPresets: op(z.object({}), z.array(MappingPreset)),
  savePreset: op(MappingPreset, z.object({ name: z.string() })),
  /** CloudWatch Logs (network): log groups of a region, with what was already pulled from each. */
  listLogGroups: op(ListLogGroupsArgs, z.array(LogGroupInfo)),
  /** CloudWatch Logs (network): pulls a time range of a log group; progress comes as job events. */
  startPull: op(PullArgs, z.object({ jobId: z.string() })),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type ArgsOf<K extends OperationName> = z.input<Operations[K]['args']>;
export type ParsedArgsOf<K extends OperationName> = z.output<Operations[K]['args']>;
export type ResultOf<K extends OperationName> = z.output<Operations[K]['result']>;

/** What the renderer calls. Derived from `operations`, never hand-copied. */
export type VigilApi = { [K in OperationName]: (args: ArgsOf<K>) => Promise<ResultOf<K>> };
/** What the core implements: it receives arguments after schema parsing (defaults applied). */
export type VigilService = { [K in OperationName]: (args: ParsedArgsOf<K>) => Promise<ResultOf<K>> };

export const VigilEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job-progress'), job: JobProgress }),
  z.object({ type: z.literal('data-changed'), reason: z.string() }),
]);
export type VigilEvent = z.infer<typeof VigilEvent>;

/** Transport answer shape, the same over IPC and HTTP. */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

export const operationNames = Object.keys(operations) as OperationName[];
