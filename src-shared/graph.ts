// The IP graph contract: nodes are IPs, edges aggregate the sessions between two of them.
// Graphs travel as parallel arrays (columns), not one object per edge: at 100 000 edges that is
// a third of the JSON and far less schema-checking work in the renderer.
import { z } from 'zod';
import { Session, SessionFilter } from './domain.js';
import { isIP } from './ip.js';

export const EdgeWeight = z.enum(['sessions', 'bytes']);
export type EdgeWeight = z.infer<typeof EdgeWeight>;

/** Which run's scores colour the nodes; null when no model run is active (nodes stay neutral). */
export const ScoreSource = z
  .object({ runId: z.number().int(), kind: z.string(), threshold: z.number().nullable() })
  .nullable();
export type ScoreSource = z.infer<typeof ScoreSource>;

/**
 * The node of the server that wrote a log whose requests name neither a server IP nor a host
 * (db/host-edges.ts); the case graph names it the same way.
 */
export const serverOfLog = (fileName: string) => `server of ${fileName}`;

/**
 * Whether a session without a destination IP is a line a web server logged, and so an edge to its
 * host or its "server of FILE": a request, a line that was none (kept raw), or no request at all
 * (`"-"`, a TLS probe) that the server answered with a status. The Graph asks it in SQL
 * (db/analytics-web.ts ACCESS_LOG_LINE_SQL); the case graph asks it of the sessions it lists.
 */
export const isServerLine = (s: Pick<Session, 'method' | 'path' | 'requestLine' | 'responseCode'>) =>
  s.method !== null || s.path !== null || s.requestLine !== null || s.responseCode !== null;

const HOST_SUFFIX = ' (host)';

/**
 * A host node's name: the host, or "HOST (host)" when the host is an address (a proxy request for
 * http://10.0.0.1/), so it never meets an IP node of that address: not in one answer (a log whose
 * client 10.0.0.1 also is), nor when an expansion's answer is drawn into the graph.
 */
export const hostNodeName = (host: string) => (isIP(host) ? `${host}${HOST_SUFFIX}` : host);

/**
 * The host a host node stands for (hostNodeName's inverse). Read as the name, "10.0.0.1 (host)"
 * matched no request: its edge listed 0 sessions and its expansion no client.
 */
export function hostOfNode(name: string): string {
  const host = name.endsWith(HOST_SUFFIX) ? name.slice(0, -HOST_SUFFIX.length) : null;
  return host !== null && isIP(host) ? host : name;
}

export const NodeKind = z.enum(['ip', 'host']);
export type NodeKind = z.infer<typeof NodeKind>;

export const IpGraph = z.object({
  nodes: z.object({
    ip: z.array(z.string()),
    /** Sum of the weights of every edge of the node within the filter (not only the edges shown). */
    volume: z.array(z.number()),
    /**
     * Sum of the weights of the edges the node is the source of, within the filter: what it
     * originated. Attackers originate; the servers they hit mostly receive. The view sizes by it.
     */
    originated: z.array(z.number()),
    /** Highest anomaly score of the node's sessions in the active run; null when unscored. */
    score: z.array(z.number().nullable()),
    /** The most severe analyst verdict on any of the node's sessions (malicious > review > benign). */
    verdict: z.array(z.enum(['malicious', 'review', 'benign']).nullable()),
    /**
     * `host`: not an IP but the host requests without a server IP asked for (an access log's
     * site, or "server of FILE" when the log names none); its `ip` is that name. Absent: all IPs.
     */
    kind: z.array(NodeKind).optional(),
  }),
  edges: z.object({
    /** Indexes into `nodes`. */
    source: z.array(z.number().int()),
    target: z.array(z.number().int()),
    weight: z.array(z.number()),
  }),
  weight: EdgeWeight,
  /** Edges that passed the filter and the minimum weight, before the limit. */
  matchedEdges: z.number().int(),
  scoreSource: ScoreSource,
  /** 'rollup' when the per-pair rollup answered, 'sessions' when the filter needed a scan. */
  source: z.enum(['rollup', 'sessions']),
});
export type IpGraph = z.infer<typeof IpGraph>;

const Ip = z.string().min(1).max(64);

export const GraphEdgesArgs = z.object({
  filter: SessionFilter.default({}),
  weight: EdgeWeight.default('sessions'),
  minWeight: z.number().min(0).default(0),
  limit: z.number().int().min(1).max(200_000).default(5_000),
});

export const IpNeighboursArgs = z.object({
  ip: Ip,
  filter: SessionFilter.default({}),
  weight: EdgeWeight.default('sessions'),
  limit: z.number().int().min(1).max(10_000).default(200),
});

const Bucketed = z.object({ key: z.string(), sessions: z.number().int() });

export const IpProfile = z.object({
  ip: z.string(),
  sessions: z.number().int(),
  asSource: z.number().int(),
  asDestination: z.number().int(),
  /** Null when none of its sessions records the volume (an access log has no bytes in). */
  bytesIn: z.number().nullable(),
  bytesOut: z.number().nullable(),
  firstTs: z.number().nullable(),
  lastTs: z.number().nullable(),
  /**
   * Its sessions in the detection set (flagged by an active run or a rule hit at the set's level);
   * null where it is not computed (a remote source).
   */
  flagged: z.number().int().nullable(),
  maxScore: z.number().nullable(),
  bucketMs: z.number().int(),
  series: z.array(z.object({ bucket: z.number(), sessions: z.number().int(), bytes: z.number() })),
  countries: z.array(Bucketed),
  /** The AS numbers of its sessions as the source (null: none recorded), most sessions first. */
  asns: z.array(
    z.object({
      asn: z.number().int().nullable(),
      /** The organisation the AS is registered to, offline (null when unknown). */
      name: z.string().nullable(),
      sessions: z.number().int(),
    }),
  ),
  ports: z.array(z.object({ port: z.number().int().nullable(), sessions: z.number().int() })),
  peers: z.array(
    z.object({
      ip: z.string(),
      sessions: z.number().int(),
      bytes: z.number(),
      direction: z.enum(['out', 'in']),
    }),
  ),
  /** The latest sessions touching the IP in either direction. */
  recent: z.array(Session),
  /** The latest analyst verdicts on the IP's sessions, newest first. */
  verdicts: z.array(
    z.object({
      sessionId: z.number().int(),
      verdict: z.string(),
      note: z.string().nullable(),
      at: z.number(),
    }),
  ),
});
export type IpProfile = z.infer<typeof IpProfile>;

export const IpProfileArgs = z.object({
  ip: Ip,
  filter: SessionFilter.default({}),
  recentLimit: z.number().int().min(1).max(500).default(50),
});

export const EdgeSessionsArgs = z.object({
  src: Ip,
  /** An IP, or with `toHost` the name of a host node (a Host header: up to 253 characters). */
  dst: z.string().min(1).max(300),
  /** The edge ends at a host node (nodes.kind): its sessions are the client's requests to it. */
  toHost: z.boolean().default(false),
  filter: SessionFilter.default({}),
  offset: z.number().int().min(0).max(100_000_000).default(0),
  limit: z.number().int().min(1).max(1000).default(50),
});
