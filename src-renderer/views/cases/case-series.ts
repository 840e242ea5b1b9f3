// What the case view draws, computed from the case's sessions: sessions over time, by country,
// and the IP pairs for the mini graph.
import type { CaseSession } from '../../../src-shared/cases.js';
import { serverOfLog } from '../../../src-shared/graph.js';
import { bucketStart, caseTimelineBucket } from '../../../src-shared/time-buckets.js';

/** Sessions per bucket (an hour for spans under three days, else a day), oldest first. */
export interface CaseBucket {
  bucket: number;
  sessions: number;
  malicious: number;
}

export function timeBuckets(sessions: readonly CaseSession[]): CaseBucket[] {
  if (!sessions.length) return [];
  const first = Math.min(...sessions.map((s) => s.startTs));
  const last = Math.max(...sessions.map((s) => s.startTs));
  const size = caseTimelineBucket(last - first);
  const counts = new Map<number, { sessions: number; malicious: number }>();
  for (const s of sessions) {
    const bucket = bucketStart(s.startTs, size);
    const entry = counts.get(bucket) ?? { sessions: 0, malicious: 0 };
    entry.sessions++;
    if (s.verdict === 'malicious') entry.malicious++;
    counts.set(bucket, entry);
  }
  return [...counts].sort((a, b) => a[0] - b[0]).map(([bucket, c]) => ({ bucket, ...c }));
}

/** Sessions per source country, most first; unknown countries as "??". */
export function countryCounts(sessions: readonly CaseSession[]): { country: string; sessions: number }[] {
  const counts = new Map<string, number>();
  for (const s of sessions) counts.set(s.country ?? '??', (counts.get(s.country ?? '??') ?? 0) + 1);
  return [...counts]
    .map(([country, n]) => ({ country, sessions: n }))
    .sort((a, b) => b.sessions - a.sessions);
}

export interface CaseEdge {
  src: string;
  dst: string;
  sessions: number;
}

/** Where a request without a server IP went: its host, or the server of its log; null for no request. */
function requestTarget(s: CaseSession, fileNames: ReadonlyMap<number, string>): string | null {
  if (s.method === null && s.path === null) return null;
  return s.host ?? serverOfLog(fileNames.get(s.importId) ?? `import ${s.importId}`);
}

/**
 * Source → destination pairs with their session counts, as the Graph view pairs them: a request
 * that names no server IP (an access log) goes to the host it asked for, or to the server of its
 * log (named by `fileNames`, the import's file, once known); other sessions without a destination
 * are left out.
 */
export function ipEdges(
  sessions: readonly CaseSession[],
  fileNames: ReadonlyMap<number, string> = new Map(),
): CaseEdge[] {
  const edges = new Map<string, CaseEdge>();
  for (const s of sessions) {
    const dst = s.dstIp || requestTarget(s, fileNames);
    if (!dst) continue;
    const key = `${s.srcIp} ${dst}`;
    const edge = edges.get(key) ?? { src: s.srcIp, dst, sessions: 0 };
    edge.sessions++;
    edges.set(key, edge);
  }
  return [...edges.values()].sort((a, b) => b.sessions - a.sessions);
}
