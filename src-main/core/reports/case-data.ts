// Everything a case report shows, gathered once so HTML, PDF and STIX say the same thing, with a
// SHA-256 over exactly that data (generation time and version are not part of it).

import { createHash } from 'node:crypto';
import type { CaseDetail } from '../../../src-shared/cases.js';
import { detectionSetName } from '../../../src-shared/detection-set.js';
import type { WhyEntry } from '../../../src-shared/feature-values.js';
import type { ModelRun } from '../../../src-shared/models.js';
import type { SessionRuleHit } from '../../../src-shared/rules.js';
import { caseHistory, type HistoryEvent } from '../db/case-history.js';
import { type CaseTotals, caseIndicators, caseTotals, type Indicator } from '../db/case-totals.js';
import { caseIps, getCase, noCaseMessage } from '../db/cases.js';
import { flaggedAmong, readDetectionSet } from '../db/detection-set.js';
import { resolveRun } from '../db/flag-queue.js';
import { getRun } from '../db/model-runs.js';
import type { Db } from '../db/open.js';
import { sessionRuleHits } from '../db/rule-hits.js';
import {
  type ExportRow,
  evidenceOrderedIds,
  explanationsOf,
  exportRowsOf,
  iterateSelectionIds,
  iterateStixHitRows,
  iterateStixRows,
  scoresOf,
  selectionAddresses,
} from '../db/session-export.js';
import { caseDetail } from '../triage/case-actions.js';
import { caseKinds, type KindTally, type SessionKind } from './kinds-section.js';
import type { StixCase } from './stix.js';

export type { Indicator };

export interface ReportSession extends ExportRow, SessionKind {
  score: number | null;
  /** Flagged by the detection set (`flaggedBy`): what "flagged" means in every view. */
  flagged: boolean;
  /** Flagged by the run: the features behind the flag, top first ("why flagged"); else null. */
  why: WhyEntry[] | null;
  /** The rules the session matched, most severe first, with the matched field and value. */
  ruleHits: SessionRuleHit[];
}

export interface CaseReportData {
  detail: CaseDetail;
  /**
   * The sessions listed, the strongest evidence first (a malicious verdict, then the most severe
   * rule hit, then flagged: evidenceOrderedIds), up to REPORT_SESSION_LIMIT.
   */
  sessions: ReportSession[];
  /** Sessions the case holds; `sessions` stops at the report's limit. */
  sessionTotal: number;
  /** Counted over every session of the case. */
  totals: CaseTotals;
  /** What happened to the case and to its sessions' verdicts, from the audit log. */
  history: HistoryEvent[];
  /** The detection set the sessions' `flagged` follows, by name ("rf #12 + rules ≥ high"). */
  flaggedBy: string;
  indicators: Indicator[];
  /** Kinds of threat among the case's sessions, and the threat-type run that predicted them. */
  kinds: { runId: number | null; tally: KindTally[] };
  model: Pick<
    ModelRun,
    'id' | 'kind' | 'createdAt' | 'metrics' | 'threshold' | 'labelSource' | 'split'
  > | null;
}

export interface CaseReport {
  data: CaseReportData;
  sha256: string;
  generatedAt: number;
  appVersion: string;
}

// Sessions listed in a report (HTML, PDF): beyond this the CSV / JSON export and STIX carry them.
// The figures, charts, indicators and timeline count every session of the case.
export const REPORT_SESSION_LIMIT = 2000;

export function gatherCaseReport(db: Db, caseId: number, appVersion: string): CaseReport {
  const detail = caseDetail(db, caseId);
  const selection = { caseId };
  const ids = evidenceOrderedIds(db, selection);
  const listed = exportRowsOf(db, ids.slice(0, REPORT_SESSION_LIMIT));
  const listedIds = listed.map((r) => r.id);
  const runRef = resolveRun(db, undefined);
  const run = runRef ? getRun(db, runRef.id) : undefined;
  const scores = run ? scoresOf(db, run.id, listedIds) : new Map<number, number>();
  const why = run ? explanationsOf(db, run.id, listedIds) : new Map<number, ReportSession['why']>();
  const kinds = caseKinds(db, ids);
  const flagged = flaggedAmong(db, listedIds);
  const sessions = listed.map((r) => ({
    ...r,
    score: scores.get(r.id) ?? null,
    flagged: flagged.has(r.id),
    why: why.get(r.id) ?? null,
    ...(kinds.perSession.get(r.id) ?? { kind: null, kindBy: null }),
    ruleHits: sessionRuleHits(db, r.id),
  }));
  const data: CaseReportData = {
    detail,
    sessions,
    sessionTotal: ids.length,
    totals: caseTotals(db, selection),
    history: caseHistory(db, caseId),
    flaggedBy: detectionSetName(readDetectionSet(db)),
    indicators: caseIndicators(db, selection, caseIps(db, caseId)),
    kinds: { runId: kinds.runId, tally: kinds.tally },
    model: run
      ? {
          id: run.id,
          kind: run.kind,
          createdAt: run.createdAt,
          metrics: run.metrics,
          threshold: run.threshold,
          labelSource: run.labelSource,
          split: run.split,
        }
      : null,
  };
  return { data, sha256: dataSha256(data), generatedAt: Date.now(), appVersion };
}

/**
 * What a case's STIX bundle is made from (stix.ts): the case and its indicator IPs (the same as the
 * report's), and its sessions and addresses as passes over SQLite rather than rows in memory: STIX
 * carries every session of the case, and a large case must not be held. Read all of it in one
 * read transaction, so every pass sees the same sessions.
 */
export function gatherCaseStix(db: Db, caseId: number): StixCase {
  const found = getCase(db, caseId);
  if (!found) throw new Error(noCaseMessage(db, caseId));
  const selection = { caseId };
  return {
    case: found,
    indicators: caseIndicators(db, selection, caseIps(db, caseId)),
    generatedAt: Date.now(),
    sessionIds: () => iterateSelectionIds(db, selection),
    sessions: () => iterateStixRows(db, selection),
    judgedSessions: () => iterateStixRows(db, selection, 'judged'),
    hitSessions: () => iterateStixHitRows(db, selection),
    sessionsTouching: (ips) => iterateStixRows(db, selection, { touching: ips }),
    addresses: () => selectionAddresses(db, selection),
  };
}

/** SHA-256 of the canonical JSON of the report data (the same bytes `reportDataJson` gives). */
export function dataSha256(data: CaseReportData): string {
  return createHash('sha256').update(reportDataJson(data)).digest('hex');
}

export function reportDataJson(data: CaseReportData): string {
  return JSON.stringify(data);
}
