// The one contract between the renderer and the main side. Every transport (Electron IPC, HTTP)
// validates arguments and results against these schemas; the renderer's API type derives from them.
// Each operation also says who may call it: the page shows hostile log data, so an operation whose
// arguments name a file or a network endpoint is never offered to a page, and the transports
// register only the operations offered to their face (see `operationsFor`).
import { z } from 'zod';
import { AnalyticsArgs, OverviewAnswer, SuggestionArgs, SuggestionValues } from './analytics.js';
import {
  Case,
  CaseDetail,
  CaseItemsArgs,
  CaseNoteArgs,
  CaseOverview,
  CreateCaseArgs,
  DeleteCaseArgs,
  ListCasesArgs,
  TagCaseArgs,
  UpdateCaseArgs,
} from './cases.js';
import {
  ListLogGroupsArgs,
  LogGroupInfo,
  PageListLogGroupsArgs,
  PagePullArgs,
  PullArgs,
} from './cloudwatch.js';
import { ChangeReason } from './data-changes.js';
import { ChangeDetectionSetArgs, DetectionSet } from './detection-set.js';
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
import { WordReadingArgs, WordReadings } from './filter-words.js';
import {
  EdgeSessionsArgs,
  GraphEdgesArgs,
  IpGraph,
  IpNeighboursArgs,
  IpProfile,
  IpProfileArgs,
} from './graph.js';
import { ModelKind, ModelRun, SessionScore, TrainArgs } from './models.js';
import type { Refusal } from './refusal.js';
import { ExportArgs, ExportResult } from './reports.js';
import { RuleHitCounts, RuleHitCountsArgs } from './rule-hit-counts.js';
import { AddRuleFilesArgs, RULE_UPLOAD_BODY_BYTES } from './rule-upload.js';
import { RuleFolderLoad, RuleHitSummary, RuleHitSummaryArgs, RuleSetInfo, SessionRuleHit } from './rules.js';
import { SessionMarks, SessionMarksArgs } from './session-marks.js';
import {
  AddSourceArgs,
  SourceCheck,
  SourceGraphArgs,
  SourceInfo,
  SourceName,
  SourceOverview,
  SourceOverviewArgs,
  SourcePullArgs,
  SourceSessionsArgs,
  SourceSessionsPage,
  SourceTicket,
} from './sources.js';
import { FlagKinds } from './threat-types.js';
import {
  ActionResult,
  AnalystName,
  AuditEntry,
  ChainVerification,
  FlagQueueArgs,
  FlagQueuePage,
  IocImportArgs,
  IocImportResult,
  IocList,
  LabelNextArgs,
  LabelNextResult,
  SetVerdictArgs,
  Tag,
  TagColour,
  TagName,
  TagSessionsArgs,
  UndoResult,
  VerifyChainArgs,
} from './triage.js';
import { WebRequestsOverview } from './web-requests.js';

/**
 * Who calls an operation: `app` is the desktop app's page over IPC, `served` the page `vigil serve`
 * sends to a browser over HTTP, `cli` the main side's own code (the CLI, the desktop menu and save
 * dialog, serve mode's download), which never acts on a page's word alone.
 */
export const FACES = ['app', 'served', 'cli'] as const;
export type Face = (typeof FACES)[number];
export const PAGE_FACES: readonly Face[] = ['app', 'served'];
const EVERY_FACE = FACES;

/** What an operation's arguments reach beyond the open database: a file by path, or a host. */
export type Reach = 'path' | 'endpoint';

interface Exposure<F extends readonly Face[]> {
  faces: F;
  reaches?: Reach;
  /** The largest request the HTTP transport reads for it, when more than its default (1 MiB). */
  bodyBytes?: number;
}

function op<A extends z.ZodType, R extends z.ZodType, F extends readonly Face[] = typeof EVERY_FACE>(
  args: A,
  result: R,
  exposure?: Exposure<F>,
) {
  const faces = (exposure?.faces ?? EVERY_FACE) as F;
  const reaches = exposure?.reaches ?? null;
  const bodyBytes = exposure?.bodyBytes ?? null;
  // By construction: a page never gets an operation that names a file or a host.
  if (reaches !== null && faces.some((face) => PAGE_FACES.includes(face)))
    throw new Error(`An operation that takes a ${reaches} cannot be offered to a page.`);
  return { args, result, faces, reaches, bodyBytes };
}

/** The CLI and the main side's own code only: the arguments name a file or a host. */
const mainSideOnly = { faces: ['cli'] } as const;
/** The pages' safe forms of a main-side operation. */
const pagesOnly = { faces: ['app', 'served'] } as const;
/** A one-time grant for a file the analyst picked, dropped or uploaded (main side: core/file-grants.ts). */
export const FileGrantId = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a file grant');
/** The Sessions table a filter, sort and direction make: what sessionPage pages and sessionRow places in. */
const SessionTable = z.object({
  filter: SessionFilter.default({}),
  sort: SessionSortField.default('startTs'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});
const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export const operations = {
  /** Starts one import job per file; files are paths on the machine that runs the core. */
  startImport: op(
    z
      .object({
        paths: z.array(z.string().min(1).max(4096)).min(1).max(1000),
        format: FormatId.optional(),
        preset: z.string().max(100).optional(),
        /** A web server's format string (nginx log_format / Apache LogFormat), instead of a saved preset. */
        logFormat: z.string().min(1).max(4096).optional(),
        /** A `line,label` CSV beside the one log in `paths` (the generator's PATH.labels.csv). */
        labels: z.string().min(1).max(4096).optional(),
      })
      .refine((args) => args.labels === undefined || args.paths.length === 1, {
        message: 'A labels file belongs to one log: give one file with it',
        path: ['labels'],
      }),
    z.object({ jobIds: z.array(z.string()) }),
    { ...mainSideOnly, reaches: 'path' },
  ),
  /**
   * The page's import: files the analyst picked or dropped (desktop) or uploaded (serve mode), by the
   * one-time grant the main side issued for each. A page cannot name any other file.
   */
  importFiles: op(
    z
      .strictObject({
        grants: z.array(FileGrantId).min(1).max(1000),
        format: FormatId.optional(),
        preset: z.string().max(100).optional(),
        logFormat: z.string().min(1).max(4096).optional(),
        /** The grant of a `line,label` CSV handed over with the one log of `grants` (its LOG.labels.csv). */
        labels: FileGrantId.optional(),
      })
      .refine((args) => args.labels === undefined || args.grants.length === 1, {
        message: 'A labels file belongs to one log: give one file with it',
        path: ['labels'],
      }),
    z.object({ jobIds: z.array(z.string()) }),
    pagesOnly,
  ),
  /** Imports the embedded sample (the public CloudWatch web-attack CSV). */
  loadSample: op(z.object({}), z.object({ jobIds: z.array(z.string()) })),
  jobStatus: op(z.object({ jobId: z.string().max(100) }), JobProgress),
  listJobs: op(z.object({}), z.array(JobProgress)),
  cancelJob: op(z.object({ jobId: z.string().max(100) }), z.object({ cancelled: z.boolean() })),
  listImports: op(z.object({}), z.array(ImportRecord)),
  getImport: op(z.object({ id: z.number().int() }), ImportRecord),
  quarantinePage: op(
    z.object({
      importId: z.number().int(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    pageOf(QuarantineRow),
  ),
  sessionPage: op(
    SessionTable.extend({
      offset: z.number().int().min(0).max(100_000_000).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    pageOf(Session),
  ),
  /**
   * Session `id`'s row in sessionPage's table of the same filter, sort and direction: how many of
   * the filter's sessions sort before it, ties broken as the pages break them (its offset there).
   * null: the filter excludes it (or there is no such session).
   */
  sessionRow: op(
    SessionTable.extend({ id: z.number().int() }),
    z.object({ row: z.number().int().min(0).nullable() }),
  ),
  /**
   * Totals from the rollups, which answer a time range only: any other part of a filter is refused
   * (it used to be taken and ignored); a filtered Overview is `analyticsOverview`.
   */
  dashboardSummary: op(
    z.object({ filter: SessionFilter.pick({ from: true, to: true }).strict().default({}) }),
    DashboardSummary,
  ),
  listPresets: op(z.object({}), z.array(MappingPreset)),
  savePreset: op(MappingPreset, z.object({ name: z.string() })),
  /** CloudWatch Logs (network): log groups of a region, with what was already pulled from each. */
  listLogGroups: op(ListLogGroupsArgs, z.array(LogGroupInfo), { ...mainSideOnly, reaches: 'endpoint' }),
  /** CloudWatch Logs (network): pulls a time range of a log group; progress comes as job events. */
  startPull: op(PullArgs, z.object({ jobId: z.string() }), { ...mainSideOnly, reaches: 'endpoint' }),
  /**
   * The page's listLogGroups: no endpoint argument. The call goes to the region's AWS endpoint, or to
   * the custom endpoint the analyst set outside the page (`vigil serve --cloudwatch-endpoint`, the
   * desktop app's settings.json), so a page cannot send the AWS credentials to a host of its choice.
   */
  listCloudWatchGroups: op(PageListLogGroupsArgs, z.array(LogGroupInfo), pagesOnly),
  /** The page's startPull, to the same endpoint as listCloudWatchGroups. */
  startCloudWatchPull: op(PagePullArgs, z.object({ jobId: z.string() }), pagesOnly),
  /** The custom endpoint the page's CloudWatch calls go to, or null for AWS's own (to show it). */
  cloudWatchEndpoint: op(z.object({}), z.object({ endpoint: z.string().nullable() }), pagesOnly),

  // ── Remote sources (src-shared/sources.ts; core: services/sources.ts, connectors/clickhouse): a
  //    ClickHouse table hunted in place; its slice pulled into the workspace as a job. ──
  /** Adds a source after checking it answers with the table and mapping (network). No password is stored. */
  addSource: op(AddSourceArgs, SourceInfo, { ...mainSideOnly, reaches: 'endpoint' }),
  // The operations below name a source, never a host or a file: they reach only the server the
  // analyst registered with addSource (the CLI), so the pages may call them like sourceOverview.
  listSources: op(z.object({}), z.array(SourceInfo)),
  /** Connects, checks the table and every mapped column, and counts its rows (network). */
  /** Checks a source (connects, reads the mapping, counts rows); with a ticket, cancelSourceQuery stops it. */
  testSource: op(z.object({ name: SourceName, ticket: SourceTicket.optional() }), SourceCheck),
  /** Forgets a source and its pulls' watermarks; sessions pulled from it stay. */
  removeSource: op(z.object({ name: SourceName }), z.object({ removed: z.string() })),
  /** Pulls the rows matching a filter into the workspace (network); progress comes as job events. */
  startSourcePull: op(SourcePullArgs, z.object({ jobId: z.string() })),
  /** The Overview's charts computed by the source's engine over the whole table (GROUP BY there). */
  sourceOverview: op(SourceOverviewArgs, SourceOverview),
  /** The IP graph's heaviest edges of a source, summed by its engine (GROUP BY source, destination). */
  sourceGraphEdges: op(SourceGraphArgs, IpGraph),
  /** A page of a source's rows matching a filter, in time order, by keyset (a cursor, never an offset). */
  sourceSessions: op(SourceSessionsArgs, SourceSessionsPage),
  /** Stops the source question asked with this ticket: KILL QUERY on the engine, then it fails as cancelled. */
  cancelSourceQuery: op(z.object({ ticket: SourceTicket }), z.object({ cancelled: z.boolean() })),

  // ── Detection models (src-shared/models.ts; core: services/models.ts). Training and scoring run as
  //    jobs in worker threads: progress and cancel through jobStatus / listJobs / cancelJob. ──
  /** Trains a model; a refusal (one class, too few examples, no verdicts) ends the job with the reason. */
  train: op(TrainArgs, z.object({ jobId: z.string() })),
  /** Every run, newest first, with its metrics beside the majority-class baseline. */
  listRuns: op(z.object({}), z.array(ModelRun)),
  getRun: op(z.object({ id: z.number().int() }), ModelRun),
  /** Scores every session with a run (default: the active model, of `kind` if given). */
  scoreSessions: op(
    z.object({ runId: z.number().int().optional(), kind: ModelKind.optional() }),
    z.object({ jobId: z.string(), runId: z.number().int() }),
  ),
  /** Makes a finished run its kind's active model. */
  setActiveModel: op(
    z.object({
      runId: z.number().int(),
      /** A threat-type run naming kinds it was not tested on is refused unless this says so (src-shared/untested-kinds.ts). */
      acceptUntested: z.boolean().optional(),
    }),
    ModelRun,
  ),
  /** One session's score from every run that scored it (active models first), with "why flagged". */
  sessionScores: op(z.object({ sessionId: z.number().int() }), z.array(SessionScore)),
  /** What "flagged" means everywhere: the active run per kind and the rule level (src-shared/detection-set.ts). */
  detectionSet: op(z.object({}), DetectionSet),
  /** Switches a model kind off, or sets the rule level (or 'off'); answers the new set. */
  changeDetectionSet: op(ChangeDetectionSetArgs, DetectionSet),

  // ── Overview analytics and the filter bar (src-shared/analytics.ts, filter/; core: services/analytics.ts).
  //    Answers come from the rollups unless the filter needs session rows (each chart says which). ──
  /** Every chart of the Overview for one filter: KPIs, time series, countries, distributions, correlation. */
  analyticsOverview: op(AnalyticsArgs, OverviewAnswer),
  /**
   * The first and last start of the sessions a filter selects (`vigil stats --filter`; the
   * Overview's KPI span is its time axis, not the matching sessions').
   */
  sessionSpan: op(
    AnalyticsArgs,
    z.object({ firstTs: z.number().nullable(), lastTs: z.number().nullable() }),
    { faces: ['cli'] },
  ),
  /** Known values of a filter field starting with `prefix`, most frequent first (autocomplete). */
  filterSuggestions: op(SuggestionArgs, SuggestionValues),
  /** How each bare word of a filter would run (`bea` → `label:beacon`), shown before it is applied. */
  readFilterWords: op(WordReadingArgs, WordReadings),
  /** The web-request panels for one filter (status classes over time, top paths, user agents, methods). */
  webRequests: op(AnalyticsArgs, WebRequestsOverview),
  /** Per listed session, how many rules matched it and the most severe level (the Sessions table's column). */
  sessionRuleHitCounts: op(RuleHitCountsArgs, RuleHitCounts),
  /** Per listed session: the active run's score, flagged, verdict, tags, IOC matches (Sessions columns). */
  sessionMarks: op(SessionMarksArgs, SessionMarks),
  /** The active threat-type run's flags within the filter per predicted kind (the Overview's split). */
  flagKinds: op(AnalyticsArgs, FlagKinds),

  // ── Detection rules (Sigma; src-shared/rules.ts; core: services/rules.ts, rule-hits/). Rules run at
  //    import on new sessions; a rules run (a job: progress and cancel as for imports) recomputes
  //    every session's hits after a set changed. ──
  /** Every rule set (the shipped pack, added folders, Suricata's own alerts) with its rules' hit counts. */
  listRuleSets: op(z.object({}), z.array(RuleSetInfo)),
  /** Loads every rule file under a folder as a set; says how many loaded and why each other did not. */
  addRuleFolder: op(z.object({ path: z.string().min(1).max(4096) }), RuleFolderLoad, {
    ...mainSideOnly,
    reaches: 'path',
  }),
  /**
   * The page's form of addRuleFolder: the rule files the analyst chose travel as text (at most 2 000,
   * 1 MiB each, 20 MiB in all) and are written into the workspace's own rules folder, under the
   * set's name, then loaded as that folder. The same name again replaces its files and reloads it.
   */
  addRuleFiles: op(AddRuleFilesArgs, RuleFolderLoad, { ...pagesOnly, bodyBytes: RULE_UPLOAD_BODY_BYTES }),
  /** Turns a set off and removes its hits (the pack included); adding a folder again turns it on. */
  removeRuleSet: op(z.object({ id: z.number().int() }), RuleSetInfo),
  /** Runs the enabled sets over every stored session, replacing their hits (after a set changed). */
  runRules: op(z.object({}), z.object({ jobId: z.string() })),
  /** The rule hits on one session, most severe first, with the matched field and value. */
  sessionRuleHits: op(z.object({ sessionId: z.number().int() }), z.array(SessionRuleHit)),
  /** Rule hits of the filtered sessions: per level over time and per rule (the Overview's panel). */
  ruleHitSummary: op(RuleHitSummaryArgs, RuleHitSummary),

  // ── IP graph (src-shared/graph.ts; core: services/graph.ts) ──
  /** The heaviest IP-pair edges within the filter, with their endpoints' volume and anomaly score. */
  graphEdges: op(GraphEdgesArgs, IpGraph),
  /** Every edge at one IP (both directions), to expand it in the graph. */
  ipNeighbours: op(IpNeighboursArgs, IpGraph),
  /** One IP's drill-down: time series, countries, ports, peers, latest sessions. */
  ipProfile: op(IpProfileArgs, IpProfile),
  /** The sessions behind one edge, newest first. */
  edgeSessions: op(EdgeSessionsArgs, pageOf(Session)),
  // ── Triage, cases and exports (src-shared/triage.ts, cases.ts, reports.ts; core: services/triage.ts,
  //    cases.ts, reports.ts). Every change is an audited action signed with the analyst's name. ──
  /** The name that signs verdicts, notes and cases (default: the OS user). */
  getAnalyst: op(z.object({}), z.object({ name: z.string() })),
  setAnalyst: op(z.object({ name: AnalystName }), z.object({ name: z.string() })),
  /** One verdict on sessions (a list, or every session from a source IP), as one undoable action. */
  setVerdict: op(SetVerdictArgs, ActionResult),
  /** Reverses the analyst's last verdict or tag action (sessions changed since by others are kept). */
  /**
   * Undoes the analyst's last verdict or tag action, or the one `actionId` names (the Triage view
   * names the action it took, so another tab's later action is never the one taken back).
   */
  undoLastAction: op(z.object({ actionId: z.number().int().positive().optional() }), UndoResult),
  /** Recomputes the audit log's hash chain and says where it first breaks (and whether a kept head holds). */
  verifyAuditChain: op(VerifyChainArgs, ChainVerification),
  /** Who changed what on a session and when, oldest first, from the append-only audit log. */
  sessionHistory: op(z.object({ sessionId: z.number().int() }), z.array(AuditEntry)),
  listTags: op(z.object({}), z.array(Tag)),
  /** Creates a tag, or changes the colour (and name, with rename) of an existing one. */
  saveTag: op(
    z.object({ name: TagName, colour: TagColour.optional(), rename: TagName.optional() }),
    z.array(Tag),
  ),
  deleteTag: op(z.object({ name: TagName }), z.array(Tag)),
  /** Tags (or untags, on: false) sessions; a new tag name creates the tag. Undoable. */
  tagSessions: op(TagSessionsArgs, ActionResult),
  listIocLists: op(z.object({}), z.array(IocList)),
  /** Imports a known-bad / known-good list; it applies to stored sessions at once and to future imports. */
  importIocList: op(IocImportArgs, IocImportResult),
  /** Removes a list by name or id; the sessions it marked are unmarked. */
  removeIocList: op(z.object({ name: z.string().min(1).max(100) }), z.object({ removed: z.string() })),
  /** Flagged sessions of a run (default: the latest active one) by score, with verdicts, tags, IOC marks. */
  flagQueue: op(FlagQueueArgs, FlagQueuePage),
  /** Unlabelled sessions the supervised model is least sure about, spread over source IPs. */
  labelNext: op(LabelNextArgs, LabelNextResult),
  /** Cases, most recently updated first; by status and by tag. */
  listCases: op(ListCasesArgs, z.array(Case)),
  getCase: op(z.object({ id: z.number().int() }), CaseDetail),
  /** A case's sessions (up to the report limit) with verdicts and scores, and its indicators. */
  caseOverview: op(z.object({ id: z.number().int() }), CaseOverview),
  createCase: op(CreateCaseArgs, CaseDetail),
  updateCase: op(UpdateCaseArgs, CaseDetail),
  /** Adds (or removes, add: false) sessions and IPs to a case. */
  editCaseItems: op(CaseItemsArgs, CaseDetail),
  /** Tags (or untags, on: false) a case; a new tag name creates the tag. Audited. */
  tagCase: op(TagCaseArgs, CaseDetail),
  addCaseNote: op(CaseNoteArgs, CaseDetail),
  /**
   * Deletes a case with its items, tags and notes (its sessions stay). The audit log keeps the whole
   * case (kind 'case-delete'). With `was`, a case changed since the analyst confirmed is refused.
   */
  deleteCase: op(DeleteCaseArgs, z.object({ deleted: z.number().int() })),
  /**
   * A case's changes from the audit log, oldest first: for a deleted case too, whose last entry
   * (case-delete) holds the whole case as it was deleted.
   */
  caseHistory: op(z.object({ id: z.number().int() }), z.array(AuditEntry)),
  /**
   * Writes a case report (html, pdf, stix) or sessions (csv, json; a case's or a filter's) to a file.
   * Pages export through their shell instead: the desktop app's native save dialog, serve mode's
   * one-time download; both call this with a path the main side chose.
   */
  exportReport: op(ExportArgs, ExportResult, { ...mainSideOnly, reaches: 'path' }),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
/** The operations a face may call. */
export type OperationFor<F extends Face> = {
  [K in OperationName]: F extends Operations[K]['faces'][number] ? K : never;
}[OperationName];
/** What the renderer may call: the operations offered to both pages (it cannot tell which it is). */
export type PageOperationName = OperationFor<'app'> & OperationFor<'served'>;
export type ArgsOf<K extends OperationName> = z.input<Operations[K]['args']>;
export type ParsedArgsOf<K extends OperationName> = z.output<Operations[K]['args']>;
export type ResultOf<K extends OperationName> = z.output<Operations[K]['result']>;

/** Every operation as a function. Derived from `operations`, never hand-copied. */
export type VigilApi = { [K in OperationName]: (args: ArgsOf<K>) => Promise<ResultOf<K>> };
/** What the renderer calls: the page-exposed part of VigilApi. */
export type PageApi = Pick<VigilApi, PageOperationName>;
/**
 * The page's operations as the Electron preload offers them: each resolves to its answer envelope,
 * never rejects for a failure the core answered. The context bridge copies an Error's message
 * alone, so a refusal's kind reaches the page only inside the envelope (src-renderer/api/answer.ts
 * unwraps it, for both transports).
 */
export type PageAnswers = {
  [K in PageOperationName]: (args: ArgsOf<K>) => Promise<Answer<ResultOf<K>>>;
};
/** What the core implements: it receives arguments after schema parsing (defaults applied). */
export type VigilService = { [K in OperationName]: (args: ParsedArgsOf<K>) => Promise<ResultOf<K>> };

export const VigilEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job-progress'), job: JobProgress }),
  /** What changed decides which answers the page asks again (data-changes.ts). */
  z.object({ type: z.literal('data-changed'), reason: ChangeReason }),
]);
export type VigilEvent = z.infer<typeof VigilEvent>;

/**
 * Transport answer shape, the same over IPC and HTTP. A failure says why in `error`; a refusal the
 * caller can act on also names its kind and what of (src-shared/refusal.ts): `{ ok: false, error,
 * kind: 'workspace-only-term', term: 'sigma' }`.
 */
export type Answer<T> = { ok: true; value: T } | AnswerFailure;
export type AnswerFailure =
  | { ok: false; error: string; kind?: never }
  | ({ ok: false; error: string } & Refusal);

/** The failure envelope of a message, with the refusal's kind when it is one. */
export function failureAnswer(error: string, refusal: Refusal | null = null): AnswerFailure {
  return refusal ? { ok: false, error, ...refusal } : { ok: false, error };
}

export const operationNames = Object.keys(operations) as OperationName[];

/** The operations offered to `face`: what its transport registers, and nothing else. */
export function operationsFor<F extends Face>(face: F): OperationFor<F>[] {
  return operationNames.filter((name) =>
    (operations[name].faces as readonly Face[]).includes(face),
  ) as OperationFor<F>[];
}

/** The operations the renderer may call, in either shell. */
export const pageOperationNames = operationNames.filter((name) =>
  PAGE_FACES.every((face) => (operations[name].faces as readonly Face[]).includes(face)),
) as PageOperationName[];
