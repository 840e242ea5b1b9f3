// Domain types shared by main and renderer. Schemas are the source of truth; types are inferred.
import { z } from 'zod';
import { sessionFieldShape, sortableFieldNames } from './fields/index.js';
import { FilterClause } from './filter/clauses.js';

export const FORMAT_IDS = [
  'cloudwatch-csv',
  'vpc-flow',
  'waf-json',
  'mapped-csv',
  'mapped-jsonl',
  'combined',
  'log-format',
  'alb',
  'cloudfront',
  'zeek-http',
  'zeek-conn',
  'suricata-eve',
  // Pulls from remote sources write them (ingest/formats/session-jsonl.ts, session-tsv.ts); never detected.
  'session-jsonl',
  'session-tsv',
] as const;
export const FormatId = z.enum(FORMAT_IDS);
export type FormatId = z.infer<typeof FormatId>;

export const IMPORT_STATUSES = [
  'queued',
  'running',
  'done',
  'failed',
  'cancelled',
  'skipped',
  'interrupted',
] as const;
export const ImportStatus = z.enum(IMPORT_STATUSES);
export type ImportStatus = z.infer<typeof ImportStatus>;

export const ImportCounts = z.object({
  rowsRead: z.number().int(),
  stored: z.number().int(),
  quarantined: z.number().int(),
  duplicates: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportRecord = ImportCounts.extend({
  id: z.number().int(),
  file: z.string(),
  fileName: z.string(),
  /** Null for a file refused before its format was known (not recognised, unreadable). */
  format: z.string().nullable(),
  preset: z.string().nullable(),
  /** The labels file whose labels the records got (`--labels`, or dropped beside the log), else null. */
  labelsFile: z.string().nullable(),
  /** Where pulled records came from (source, URL, table, filter, range; or CloudWatch region, log group, range); null for a file import. */
  origin: z.string().nullable(),
  /** Null for a file that could not be looked at (missing when its import started). */
  sizeBytes: z.number().int().nullable(),
  bytesRead: z.number().int(),
  sha256: z.string().nullable(),
  status: ImportStatus,
  message: z.string().nullable(),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
});
export type ImportRecord = z.infer<typeof ImportRecord>;

export const QuarantineRow = z.object({
  id: z.number().int(),
  importId: z.number().int(),
  line: z.number().int(),
  reason: z.string(),
  raw: z.string(),
});
export type QuarantineRow = z.infer<typeof QuarantineRow>;

/** A stored session: its fields come from the field table (src-shared/fields), then its extra columns. */
export const Session = z.object({
  ...sessionFieldShape(),
  attrs: z.record(z.string(), z.string()).nullable(),
});
export type Session = z.infer<typeof Session>;

/**
 * Sorts by what others said of a session rather than by its fields: the latest active run's score,
 * whether the detection set flags it, and its rule hits (most severe level, then how many)
 * (src-shared/session-marks.ts, core db/sessions.ts).
 */
export const MARK_SORT_FIELDS = ['score', 'flagged', 'ruleHits'] as const;
export const SESSION_SORT_FIELDS = [...sortableFieldNames(), ...MARK_SORT_FIELDS] as const;
export const SessionSortField = z.enum(SESSION_SORT_FIELDS);

export const SessionFilter = z.object({
  from: z.number().optional(),
  to: z.number().optional(),
  srcIp: z.string().max(64).optional(),
  dstIp: z.string().max(64).optional(),
  country: z.string().max(8).optional(),
  detectionType: z.string().max(200).optional(),
  dstPort: z.number().int().min(0).max(65535).optional(),
  importId: z.number().int().optional(),
  /** Parsed filter-language terms (src-shared/filter), AND-ed with the fields above. */
  clauses: z.array(FilterClause).max(50).optional(),
});
export type SessionFilter = z.infer<typeof SessionFilter>;

export const JobKind = z.enum(['import', 'pull', 'train', 'score', 'rules']);
export const JobState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

/** What a CloudWatch Logs pull has fetched so far; times are epoch ms. */
export const PullDetail = z.object({
  phase: z.enum(['fetching', 'querying', 'importing', 'done', 'cancelled']),
  logGroup: z.string(),
  events: z.number().int(),
  /** Bytes of event messages received. */
  bytes: z.number().int(),
  pages: z.number().int(),
  /** The asked time range. */
  rangeStart: z.number(),
  rangeEnd: z.number(),
  /** Oldest and newest event received: the part of the range covered so far (null before the first). */
  coveredFrom: z.number().nullable(),
  coveredTo: z.number().nullable(),
});
export type PullDetail = z.infer<typeof PullDetail>;

/** What a finished pull did (core: connectors/cloudwatch-logs/tally.ts); times are epoch ms. */
export const PullSummary = z.object({
  status: z.enum(['done', 'cancelled', 'failed']),
  mode: z.enum(['filter', 'insights']),
  logGroup: z.string(),
  region: z.string(),
  endpoint: z.string().nullable(),
  pages: z.number().int(),
  events: z.number().int(),
  bytes: z.number().int(),
  rangeStart: z.number(),
  rangeEnd: z.number(),
  firstEventTs: z.number().nullable(),
  lastEventTs: z.number().nullable(),
  counts: ImportCounts,
  importIds: z.array(z.number().int()),
  /** Finished an interrupted pull from its saved position. */
  resumed: z.boolean(),
  notes: z.array(z.string()),
});
export type PullSummary = z.infer<typeof PullSummary>;

/** What a finished pull from a remote source did (core: connectors/clickhouse/pull.ts); times epoch ms. */
export const SourcePullSummary = z.object({
  status: z.enum(['done', 'cancelled', 'failed']),
  source: z.string(),
  /** The filter pulled, as the language writes it ('' for every row). */
  selector: z.string(),
  rangeStart: z.number(),
  rangeEnd: z.number(),
  /** Rows the source said match, counted before the pull started. */
  matching: z.number().int(),
  rows: z.number().int(),
  bytes: z.number().int(),
  firstEventTs: z.number().nullable(),
  lastEventTs: z.number().nullable(),
  counts: ImportCounts,
  importIds: z.array(z.number().int()),
  notes: z.array(z.string()),
});
export type SourcePullSummary = z.infer<typeof SourcePullSummary>;

export const JobProgress = z.object({
  jobId: z.string(),
  kind: JobKind,
  state: JobState,
  /** 0..1 when the total is known, else null. */
  fraction: z.number().nullable(),
  message: z.string(),
  importId: z.number().int().nullable(),
  counts: ImportCounts.nullable(),
  bytesRead: z.number().int(),
  bytesTotal: z.number().int().nullable(),
  file: z.string().nullable(),
  /** Import jobs only: the labels file read beside the log. */
  labels: z.string().nullable().optional(),
  error: z.string().nullable(),
  /** Pull jobs only: the structured progress behind `message`. */
  pull: PullDetail.optional(),
  /** Pull jobs only, once ended (done or cancelled): what the pull did. */
  pullSummary: PullSummary.optional(),
  /** Source pull jobs only: the source and the filter pulled ('' for every row), named from the start. */
  sourcePull: z.object({ source: z.string(), filter: z.string() }).optional(),
  /** Source pull jobs only, once ended: what the pull did. */
  sourcePullSummary: SourcePullSummary.optional(),
  /** Rules runs only: sessions read and hits stored so far. */
  rulesRun: z.object({ sessions: z.number().int(), hits: z.number().int() }).optional(),
  /** Train and score jobs only: the model run being trained or scored (null until it exists). */
  runId: z.number().int().nullable().optional(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const DashboardSummary = z.object({
  sessions: z.number().int(),
  bytesIn: z.number(),
  bytesOut: z.number(),
  /** False when no stored session has the volume (an access log has no bytes in): its sum is no 0. */
  bytesInRecorded: z.boolean(),
  bytesOutRecorded: z.boolean(),
  sourceIps: z.number().int(),
  countries: z.number().int(),
  firstTs: z.number().nullable(),
  lastTs: z.number().nullable(),
  byCountry: z.array(z.object({ country: z.string(), sessions: z.number().int() })),
  byDetectionType: z.array(z.object({ detectionType: z.string(), sessions: z.number().int() })),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;

/**
 * An object of a preset: a key it does not know is refused, naming it and the keys it takes. Left
 * to zod's default the key was dropped and the preset saved without it (a `delimiter`, a `method`
 * column) — the import then read the file otherwise than the analyst wrote, without a word.
 */
function presetObject<Shape extends z.ZodRawShape>(what: string, shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ');
      return `unknown key${issue.keys.length === 1 ? '' : 's'} ${keys} (allowed in ${what}: ${Object.keys(shape).join(', ')})`;
    },
  });
}

/** A named column mapping for `mapped-csv` / `mapped-jsonl` imports. Values are source column names. */
export const ColumnPreset = presetObject('a column preset', {
  name: z.string().min(1).max(100),
  format: z.enum(['mapped-csv', 'mapped-jsonl']),
  timestampFormat: z.enum(['iso', 'epoch-s', 'epoch-ms', 'auto']).default('auto'),
  columns: presetObject('columns', {
    srcIp: z.string().min(1),
    dstIp: z.string().optional(),
    start: z.string().min(1),
    end: z.string().optional(),
    srcPort: z.string().optional(),
    dstPort: z.string().optional(),
    protocol: z.string().optional(),
    bytesIn: z.string().optional(),
    bytesOut: z.string().optional(),
    packets: z.string().optional(),
    responseCode: z.string().optional(),
    country: z.string().optional(),
    ruleName: z.string().optional(),
    detectionType: z.string().optional(),
    action: z.string().optional(),
    label: z.string().optional(),
  }),
});
export type ColumnPreset = z.infer<typeof ColumnPreset>;

/** A named web server log format (an nginx `log_format` or Apache `LogFormat` string) for `log-format` imports. */
export const LogFormatPreset = presetObject('a log format preset', {
  name: z.string().min(1).max(100),
  format: z.literal('log-format'),
  logFormat: z.string().min(1).max(4096),
});
export type LogFormatPreset = z.infer<typeof LogFormatPreset>;

/** A saved preset: a column mapping, or a web server log format. */
export const MappingPreset = z.discriminatedUnion('format', [ColumnPreset, LogFormatPreset]);
export type MappingPreset = z.infer<typeof MappingPreset>;
