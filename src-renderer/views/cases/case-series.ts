// The IP pairs of the case's listed sessions, for the mini graph. Its sessions over time and by
// country are counted by the core over every session of the case (db/case-totals.ts).
import type { CaseSession } from '../../../src-shared/cases.js';
import { hostNodeName, isServerLine, serverOfLog } from '../../../src-shared/graph.js';
import { canonicalIp } from '../../../src-shared/ip.js';

export interface CaseEdge {
  src: string;
  dst: string;
  sessions: number;
  /** The edge ends at a host node (a request without a server IP), named as the Graph names it. */
  toHost?: true;
}

/**
 * The host node a line without a server IP went to: its host (hostNodeName: one that is an address
 * is "ADDRESS (host)", never that IP's node), or the server of its log; null for a session no
 * server logged (isServerLine).
 */
function requestTarget(s: CaseSession, fileNames: ReadonlyMap<number, string>): string | null {
  if (!isServerLine(s)) return null;
  if (s.host !== null) return hostNodeName(s.host);
  return serverOfLog(fileNames.get(s.importId) ?? `import ${s.importId}`);
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
    // Addresses by their canonical text: one address in two forms is one node, as in the Graph.
    const src = canonicalIp(s.srcIp);
    const toHost = !s.dstIp;
    const dst = toHost ? requestTarget(s, fileNames) : canonicalIp(s.dstIp as string);
    if (!dst) continue;
    const key = `${src} ${dst} ${toHost}`;
    const edge = edges.get(key) ?? { src, dst, sessions: 0, ...(toHost ? { toHost: true as const } : {}) };
    edge.sessions++;
    edges.set(key, edge);
  }
  return [...edges.values()].sort((a, b) => b.sessions - a.sessions);
}
