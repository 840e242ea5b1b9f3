// Cases contract: a case groups sessions and IPs under a title, severity and status, with notes.
import { z } from 'zod';
import { countOf } from './count-words.js';
import { Session, SessionFilter } from './domain.js';
import { isIP } from './ip.js';
import { TagName } from './triage.js';

export const CASE_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const CaseSeverity = z.enum(CASE_SEVERITIES);
export type CaseSeverity = z.infer<typeof CaseSeverity>;

export const CASE_STATUSES = ['open', 'in_progress', 'closed'] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const IpAddress = z.string().trim().max(64).refine(isIP, 'not an IPv4 or IPv6 address');

const title = z.string().trim().min(1).max(300);
const summary = z.string().max(100_000);

/** A tag on a case: the same tags (and colours) as on sessions. */
export const CaseTag = z.object({ name: z.string(), colour: z.string() });
export type CaseTag = z.infer<typeof CaseTag>;

export const Case = z.object({
  id: z.number().int(),
  title: z.string(),
  severity: CaseSeverity,
  status: CaseStatus,
  /** Markdown, shown as text (never rendered as HTML from the raw string). */
  summary: z.string(),
  createdBy: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** Sessions added to the case one by one (its session items). */
  sessions: z.number().int(),
  ips: z.number().int(),
  /**
   * Sessions the case holds: those added one by one and every session from or to its IPs (of
   * finished imports). The one count the case list, the case header, its Activity and its report
   * give, so "1 session" in the list and 1,913 in Activity cannot disagree again.
   */
  sessionTotal: z.number().int(),
  notes: z.number().int(),
  /** By name. */
  tags: z.array(CaseTag),
});
export type Case = z.infer<typeof Case>;

export const CaseItem = z.object({
  id: z.number().int(),
  kind: z.enum(['session', 'ip']),
  sessionId: z.number().int().nullable(),
  ip: z.string().nullable(),
  addedBy: z.string(),
  addedAt: z.number().int(),
});
export type CaseItem = z.infer<typeof CaseItem>;

export const CaseNote = z.object({
  id: z.number().int(),
  analyst: z.string(),
  body: z.string(),
  at: z.number().int(),
});
export type CaseNote = z.infer<typeof CaseNote>;

export const CaseDetail = z.object({ case: Case, items: z.array(CaseItem), notes: z.array(CaseNote) });
export type CaseDetail = z.infer<typeof CaseDetail>;

/**
 * What deleting a case takes with it, in words the CLI and the app share: "3 items (1 session and
 * 2 IPs) and 1 note". Items are what was added to the case; the sessions themselves stay.
 */
export function caseContentsInWords(c: Pick<Case, 'sessions' | 'ips' | 'notes'>): string {
  const items = c.sessions + c.ips;
  return `${countOf(items, 'item')}${items ? ` (${countOf(c.sessions, 'session')} and ${countOf(c.ips, 'IP')})` : ''} and ${countOf(c.notes, 'note')}`;
}

/** Where the copy of a deleted case is read: its history in the audit log. */
export const deletedCaseCopy = (id: number) => `vigil audit case ${id}`;

/** The most sessions one change of a case's items takes (listed, or selected by a filter). */
export const MAX_CASE_SESSIONS = 100_000;

export const CaseItemsInput = z.object({
  sessionIds: z.array(z.number().int().min(1)).max(MAX_CASE_SESSIONS).default([]),
  ips: z.array(IpAddress).max(10_000).default([]),
  /**
   * And every session this filter selects at the moment of the call: the case records their ids,
   * so sessions imported later never join it. More than MAX_CASE_SESSIONS is refused.
   */
  filter: SessionFilter.optional(),
});

export const CreateCaseArgs = CaseItemsInput.extend({
  title,
  severity: CaseSeverity.default('medium'),
  summary: summary.default(''),
});

export const UpdateCaseArgs = z.object({
  id: z.number().int(),
  title: title.optional(),
  severity: CaseSeverity.optional(),
  status: CaseStatus.optional(),
  summary: summary.optional(),
  /**
   * The title, summary, severity or status the edit began from (what the page showed). An edit of
   * a field someone has changed since is refused, so two tabs or two analysts never overwrite each
   * other unseen (a stale page picking "in progress" would reopen a case another tab just closed).
   */
  was: z
    .object({
      title: z.string().optional(),
      summary: z.string().optional(),
      severity: CaseSeverity.optional(),
      status: CaseStatus.optional(),
    })
    .optional(),
});

export const DeleteCaseArgs = z.object({
  id: z.number().int(),
  /**
   * The case as the analyst confirmed its deletion: its `updatedAt` then (every change of its
   * fields, items, tags or notes moves it). A case changed since is refused, not deleted, so what
   * is deleted is what the confirmation named. Absent: no check (the case as it is now).
   */
  was: z.object({ updatedAt: z.number().int() }).optional(),
});

export const CaseItemsArgs = CaseItemsInput.extend({
  caseId: z.number().int(),
  /** false removes the items. */
  add: z.boolean().default(true),
});

export const ListCasesArgs = z.object({
  status: CaseStatus.optional(),
  /** Only the cases that carry this tag. */
  tag: TagName.optional(),
});

export const TagCaseArgs = z.object({
  caseId: z.number().int(),
  tags: z.array(TagName).min(1).max(100),
  /** false removes the tags from the case. */
  on: z.boolean().default(true),
});

export const CaseNoteArgs = z.object({
  caseId: z.number().int(),
  body: z.string().trim().min(1).max(20_000),
});

/** A case's own picture: its sessions (up to a limit) with verdict and score, and its indicators. */
export const CaseSession = Session.extend({ verdict: z.string().nullable(), score: z.number().nullable() });
export type CaseSession = z.infer<typeof CaseSession>;

export const CaseIndicator = z.object({
  ip: z.string(),
  reasons: z.array(z.string()),
  sessions: z.number().int(),
  firstSeen: z.number().nullable(),
  lastSeen: z.number().nullable(),
  iocLists: z.array(z.object({ list: z.string(), kind: z.string() })),
});
export type CaseIndicator = z.infer<typeof CaseIndicator>;

/** Sessions of the case per time bucket (an hour for spans under three days, else a day). */
export const CaseBucket = z.object({
  bucket: z.number(),
  sessions: z.number().int(),
  malicious: z.number().int(),
});
export type CaseBucket = z.infer<typeof CaseBucket>;

export const CaseOverview = z.object({
  /** Sessions listed, the strongest evidence first (a malicious verdict, rule hits, flagged). */
  sessions: z.array(CaseSession),
  /** Sessions the case holds; `sessions` stops at the report's limit. */
  sessionTotal: z.number().int(),
  /** Over every session of the case, not only those listed. */
  activity: z.array(CaseBucket),
  countries: z.array(z.object({ country: z.string(), sessions: z.number().int() })),
  indicators: z.array(CaseIndicator),
});
export type CaseOverview = z.infer<typeof CaseOverview>;
