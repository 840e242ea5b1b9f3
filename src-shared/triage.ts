// Triage contract: verdicts, undo, history, tags, IOC lists, the flag queue and "label next".
import { z } from 'zod';
import { Session, SessionFilter } from './domain.js';
import { RuleLevel } from './rules.js';
import { KindName } from './threat-types.js';

export const VERDICTS = ['malicious', 'benign', 'review'] as const;
export const Verdict = z.enum(VERDICTS);
export type Verdict = z.infer<typeof Verdict>;

/** The name that signs audited work: the app's "Signed as" and the CLI's --analyst take the same. */
export const AnalystName = z.string().trim().min(1).max(100);

export const IOC_KINDS = ['known_bad', 'known_good'] as const;
export const IocKind = z.enum(IOC_KINDS);
export type IocKind = z.infer<typeof IocKind>;

const sessionId = z.number().int().min(1);
const note = z.string().max(10_000);

export const VerdictRecord = z.object({
  sessionId: z.number().int(),
  verdict: Verdict,
  analyst: z.string(),
  note: z.string().nullable(),
  at: z.number().int(),
  /** The kind of threat a malicious verdict names (null or absent: not said); a label for threat-type models. */
  kind: z.string().nullable().optional(),
});
export type VerdictRecord = z.infer<typeof VerdictRecord>;

/** The global session filter plus triage-only conditions. */
export const TriageFilter = SessionFilter.extend({
  verdict: z.enum([...VERDICTS, 'none']).optional(),
  tag: z.string().max(60).optional(),
  ioc: IocKind.optional(),
});
export type TriageFilter = z.infer<typeof TriageFilter>;

/**
 * Which sessions one verdict action applies to: a list, every stored session from an IP, the flag
 * queue's sessions from an IP (what its group heading counts), or every session a threat-type run
 * flagged as one kind (within a triage filter): a group of the queue.
 */
export const VerdictTarget = z.union([
  z.object({ sessionIds: z.array(sessionId).min(1).max(100_000) }),
  z.object({ srcIp: z.string().min(1).max(64) }),
  z.object({
    queueOf: z.object({
      srcIp: z.string().min(1).max(64),
      /** The queue of this run's flags; absent: the detection set's queue. */
      runId: z.number().int().optional(),
      filter: TriageFilter.default({}),
    }),
  }),
  z.object({
    runId: z.number().int(),
    predictedKind: z.string().min(1).max(60),
    filter: TriageFilter.default({}),
  }),
]);
export type VerdictTarget = z.infer<typeof VerdictTarget>;

export const SetVerdictArgs = z
  .object({
    target: VerdictTarget,
    verdict: Verdict,
    note: note.optional(),
    /**
     * With a malicious verdict: the kind of threat it is (confirming or correcting a threat-type
     * model's prediction). It becomes that sessions' label for the next threat-type run.
     */
    kind: KindName.optional(),
  })
  .refine((args) => args.kind === undefined || args.verdict === 'malicious', {
    message: 'only a malicious verdict names a kind of threat',
    path: ['kind'],
  });

export const ActionResult = z.object({
  actionId: z.number().int(),
  /**
   * Entities whose verdict (with its kind and note) or tag the action changed: the rest of the ones
   * it covered already had it.
   */
  changed: z.number().int(),
  /** Entities the action named (sessions for verdicts and tags). */
  covered: z.number().int(),
});
export type ActionResult = z.infer<typeof ActionResult>;

export const UndoResult = z.object({
  /** The action that was undone, or null when there was nothing left to undo. */
  undone: z.number().int().nullable(),
  summary: z.string(),
  restored: z.number().int(),
  /** Entities changed by someone else since: left as they are rather than overwritten. */
  skipped: z.number().int(),
});
export type UndoResult = z.infer<typeof UndoResult>;

export const AuditEntry = z.object({
  id: z.number().int(),
  actionId: z.number().int(),
  at: z.number().int(),
  analyst: z.string(),
  kind: z.string(),
  summary: z.string(),
  entity: z.string(),
  entityId: z.string(),
  field: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  undoes: z.number().int().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A link of the audit log's hash chain: the action it seals and the SHA-256 it holds. */
export const ChainHead = z.object({ actionId: z.number().int(), hash: z.string() });

/** What recomputing the audit chain found (core: db/audit-chain.ts). */
export const ChainVerification = z.object({
  ok: z.boolean(),
  /** Actions whose link held, from the first on. */
  verified: z.number().int(),
  /** The last link that held (null: no action recorded, or the first one broke). */
  head: ChainHead.nullable(),
  firstBreak: z.object({ actionId: z.number().int(), reason: z.string() }).nullable(),
  /** With an expected head: the action whose link holds it, null when none does. */
  expected: z.object({ hash: z.string(), actionId: z.number().int().nullable() }).optional(),
});
export type ChainVerification = z.infer<typeof ChainVerification>;

export const VerifyChainArgs = z.object({
  /** A head printed earlier (a case report, or a previous verification): fail unless it still holds. */
  expectHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'not a head hash (64 hexadecimal digits)')
    .optional(),
});

export const TagName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[^\p{Cc}]+$/u, 'no control characters');
export const TagColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #d94848');
/** Whether a stored colour is one to put in a style (#rrggbb, nothing else). */
export const isTagColour = (colour: string): boolean => TagColour.safeParse(colour).success;

export const Tag = z.object({
  id: z.number().int(),
  name: z.string(),
  colour: z.string(),
  sessions: z.number().int(),
});
export type Tag = z.infer<typeof Tag>;

export const TagSessionsArgs = z.object({
  tag: TagName,
  sessionIds: z.array(sessionId).min(1).max(100_000),
  /** false removes the tag from the sessions. */
  on: z.boolean().default(true),
});

export const IocList = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: IocKind,
  source: z.string().nullable(),
  createdAt: z.number().int(),
  entries: z.number().int(),
  /** Stored IPs (source or destination) that fall in the list. */
  matchedIps: z.number().int(),
});
export type IocList = z.infer<typeof IocList>;

export const IocBadLine = z.object({ line: z.number().int(), text: z.string(), reason: z.string() });
export type IocBadLine = z.infer<typeof IocBadLine>;

export const IocImportArgs = z.object({
  name: z.string().trim().min(1).max(100),
  kind: IocKind,
  /** The list itself: one IP or CIDR per line, or CSV whose first IP-looking cell is used. */
  text: z.string().max(50_000_000),
  source: z.string().max(4096).optional(),
});

export const IocImportResult = z.object({
  list: IocList,
  bad: z.array(IocBadLine),
});
export type IocImportResult = z.infer<typeof IocImportResult>;

/** One member of the detection set that flagged a session: an active run, or a rule hit at the level. */
export const FlagReason = z.union([
  z.object({ by: z.literal('run'), runId: z.number().int(), kind: z.string(), score: z.number() }),
  z.object({
    by: z.literal('rule'),
    ruleId: z.string(),
    title: z.string(),
    /** null: the rule sets no level (it flags only while the set's level is informational). */
    level: RuleLevel.nullable(),
    /** The field and value the rule matched (null: the rule names none). */
    field: z.string().nullable(),
    value: z.string().nullable(),
  }),
]);
export type FlagReason = z.infer<typeof FlagReason>;

export const QueueItem = z.object({
  session: Session,
  /** The best score of the runs that flagged it; null: only rule hits flagged it. */
  score: z.number().nullable(),
  /** The detection-set queue: every member of the set that flagged the session. */
  reasons: z.array(FlagReason).optional(),
  explanation: z.unknown().nullable(),
  /** Threat-type runs: the flag's most probable kind and its probability (null otherwise). */
  predictedKind: z.string().nullable().optional(),
  kindProbability: z.number().nullable().optional(),
  verdict: VerdictRecord.nullable(),
  tags: z.array(z.string()),
  ioc: z.array(z.object({ list: z.string(), kind: IocKind })),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const QueueRun = z.object({ id: z.number().int(), kind: z.string(), createdAt: z.number().int() });

export const FlagQueueArgs = z.object({
  /** Only this run's flags, by its score; absent: the whole detection set (src-shared/detection-set.ts). */
  runId: z.number().int().optional(),
  filter: TriageFilter.default({}),
  groupBySrcIp: z.boolean().default(false),
  /** Threat-type runs: sessions of one predicted kind together, the kind with the most flags first. */
  groupByKind: z.boolean().default(false),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});

export const FlagQueuePage = z.object({
  /** The run whose flags these are (a queue of one run); null for the detection-set queue. */
  run: QueueRun.nullable(),
  /** The detection-set queue: the set's name ("rf #12 + rules ≥ high"); absent for one run's queue. */
  set: z.string().optional(),
  items: z.array(QueueItem),
  total: z.number().int(),
  /** With groupBySrcIp: the source IPs on this page, in order, with their flagged counts. */
  groups: z.array(
    z.object({ srcIp: z.string(), sessions: z.number().int(), maxScore: z.number().nullable() }),
  ),
  /** Threat-type runs: every predicted kind in the queue (within the filter) with its flags, most first. */
  kindGroups: z
    .array(z.object({ kind: z.string(), sessions: z.number().int(), maxScore: z.number() }))
    .optional(),
  /** The detection-set queue: the active threat-type run whose flags `kindGroups` splits by kind. */
  kindRunId: z.number().int().optional(),
  /** The kinds of threat the run knows (benign left out; empty or absent for a malicious-or-not run). */
  kinds: z.array(z.string()).optional(),
});
export type FlagQueuePage = z.infer<typeof FlagQueuePage>;

export const LabelSuggestion = z.object({
  session: Session,
  score: z.number(),
  uncertainty: z.number(),
});
export type LabelSuggestion = z.infer<typeof LabelSuggestion>;

export const LabelNextArgs = z.object({
  runId: z.number().int().optional(),
  count: z.number().int().min(1).max(500).default(20),
  /** At most this many suggestions share a source IP. */
  perSourceIp: z.number().int().min(1).max(50).default(1),
});

export const LabelNextResult = z.object({ run: QueueRun.nullable(), items: z.array(LabelSuggestion) });
