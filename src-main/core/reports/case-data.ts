// Everything a case report shows, gathered once so HTML, PDF and STIX say the same thing, with a
// SHA-256 over exactly that data (generation time and version are not part of it).
import { createHash } from 'node:crypto';
import type { CaseDetail } from '../../../src-shared/cases.js';
import { detectionSetName } from '../../../src-shared/detection-set.js';
import type { ModelRun } from '../../../src-shared/models.js';
import type { SessionRuleHit } from '../../../src-shared/rules.js';
import type { IocKind } from '../../../src-shared/triage.js';
import { flaggedAmong, readDetectionSet } from '../db/detection-set.js';
import { resolveRun } from '../db/flag-queue.js';
import { iocMatchesOf } from '../db/ioc.js';
import { getRun } from '../db/model-runs.js';
import type { Db } from '../db/open.js';
import { sessionRuleHits } from '../db/rule-hits.js';
import {
  countSelection,
  type ExportRow,
  explanationsOf,
  iterateExportRows,
  scoresOf,
} from '../db/session-export.js';
import { caseDetail } from '../triage/case-actions.js';
import { caseKinds, type KindTally, type SessionKind } from './kinds-section.js';

export interface ReportSession extends ExportRow, SessionKind {
  score: number | null;
  /** Flagged by the detection set (`flaggedBy`): what "flagged" means in every view. */
  flagged: boolean;
  /** Flagged by the run: the features behind the flag, top first ("why flagged"); else null. */
  why: { feature: string; contribution: number }[] | null;
  /** The rules the session matched, most severe first, with the matched field and value. */
  ruleHits: SessionRuleHit[];
}

export interface Indicator {
  ip: string;
  reasons: string[];
  sessions: number;
  firstSeen: number | null;
  lastSeen: number | null;
  iocLists: { list: string; kind: IocKind }[];
}

export interface CaseReportData {
  detail: CaseDetail;
  sessions: ReportSession[];
  /** Sessions the case holds; `sessions` stops at the report's limit. */
  sessionTotal: number;
  /** The detection set the sessions' `flagged` follows, by name ("rf #12 + rules ≥ high"). */
  flaggedBy: string;
  indicators: Indicator[];
  /** Kinds of threat among the sessions listed, and the threat-type run that predicted them. */
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

// Sessions listed in a report: beyond this the CSV / JSON export carries them.
export const REPORT_SESSION_LIMIT = 2000;

function indicatorsOf(db: Db, detail: CaseDetail, sessions: ReportSession[]): Indicator[] {
  const reasons = new Map<string, Set<string>>();
  const note = (ip: string, reason: string) => reasons.set(ip, (reasons.get(ip) ?? new Set()).add(reason));
  for (const item of detail.items) if (item.ip) note(item.ip, 'case item');
  for (const s of sessions) if (s.verdict === 'malicious') note(s.srcIp, 'malicious verdict');
  const allIps = [...new Set(sessions.flatMap((s) => (s.dstIp ? [s.srcIp, s.dstIp] : [s.srcIp])))];
  const ioc = iocMatchesOf(db, [...new Set([...allIps, ...reasons.keys()])]);
  for (const [ip, matches] of ioc)
    for (const m of matches) if (m.kind === 'known_bad') note(ip, `IOC list ${m.list}`);
  return [...reasons].map(([ip, why]) => {
    const seen = sessions.filter((s) => s.srcIp === ip || s.dstIp === ip);
    return {
      ip,
      reasons: [...why].sort(),
      sessions: seen.length,
      firstSeen: seen.length ? Math.min(...seen.map((s) => s.startTs)) : null,
      lastSeen: seen.length ? Math.max(...seen.map((s) => s.endTs)) : null,
      iocLists: ioc.get(ip) ?? [],
    };
  });
}

export function gatherCaseReport(db: Db, caseId: number, appVersion: string): CaseReport {
  const detail = caseDetail(db, caseId);
  const rows = [...iterateExportRows(db, { caseId }, REPORT_SESSION_LIMIT + 1)];
  const runRef = resolveRun(db, undefined);
  const run = runRef ? getRun(db, runRef.id) : undefined;
  const scores = run
    ? scoresOf(
        db,
        run.id,
        rows.map((r) => r.id),
      )
    : new Map<number, number>();
  const listed = rows.slice(0, REPORT_SESSION_LIMIT);
  const why = run
    ? explanationsOf(
        db,
        run.id,
        listed.map((r) => r.id),
      )
    : new Map<number, ReportSession['why']>();
  const kinds = caseKinds(
    db,
    listed.map((r) => r.id),
  );
  const flagged = flaggedAmong(
    db,
    listed.map((r) => r.id),
  );
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
    sessionTotal: rows.length > REPORT_SESSION_LIMIT ? countSelection(db, { caseId }) : rows.length,
    flaggedBy: detectionSetName(readDetectionSet(db)),
    indicators: indicatorsOf(db, detail, sessions),
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

/** SHA-256 of the canonical JSON of the report data (the same bytes `reportDataJson` gives). */
export function dataSha256(data: CaseReportData): string {
  return createHash('sha256').update(reportDataJson(data)).digest('hex');
}

export function reportDataJson(data: CaseReportData): string {
  return JSON.stringify(data);
}
