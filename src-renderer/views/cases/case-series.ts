// The IP pairs of the case's listed sessions, for the mini graph. Its sessions over time and by
// country are counted by the core over every session of the case (db/case-totals.ts).
import type { CaseSession } from '../../../src-shared/cases.js';
import { serverOfLog } from '../../../src-shared/graph.js';

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
