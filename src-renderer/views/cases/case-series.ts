// What the case view draws, computed from the case's sessions: sessions over time, by country,
// and the IP pairs for the mini graph.
import type { CaseSession } from '../../../src-shared/cases.js';
import { bucketStart, caseTimelineBucket } from '../../../src-shared/time-buckets.js';

/** Sessions per bucket (an hour for spans under three days, else a day), oldest first. */
export function timeBuckets(
  sessions: readonly CaseSession[],
): { bucket: number; sessions: number; malicious: number }[] {
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

/** Source → destination pairs with their session counts (sessions without a destination are left out). */
export function ipEdges(sessions: readonly CaseSession[]): CaseEdge[] {
  const edges = new Map<string, CaseEdge>();
  for (const s of sessions) {
    if (!s.dstIp) continue;
    const key = `${s.srcIp} ${s.dstIp}`;
    const edge = edges.get(key) ?? { src: s.srcIp, dst: s.dstIp, sessions: 0 };
    edge.sessions++;
    edges.set(key, edge);
  }
  return [...edges.values()].sort((a, b) => b.sessions - a.sessions);
}
