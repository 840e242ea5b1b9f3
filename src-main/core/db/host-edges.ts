// Graph edges of requests that name no server IP. An access log (Combined, CloudFront, ALB without
// a target) records the client but not the server's address, so its requests drew no edge and the
// graph of a web server was empty. Such a request's edge goes from the client to the host it asked
// for (the Host header or virtual host), or, when the log does not say, to one node standing for
// the server that wrote the log ("server of access.log"): what an analyst reading a web server's
// log expects, a star of clients around the site. Sessions with a destination IP are untouched.
import type { SessionFilter } from '../../../src-shared/domain.js';
import { hostOfNode, serverOfLog } from '../../../src-shared/graph.js';
import { addressMatch } from './address-sql.js';
import { ACCESS_LOG_LINE_SQL, anyRequestsStored } from './analytics-web.js';
import type { Pair } from './graph.js';
import type { Db } from './open.js';
import { filterAnd } from './sessions.js';

const NO_DESTINATION = "(dst_ip IS NULL OR dst_ip = '')";

/**
 * Whether a line a server answered without logging a request or a server IP is stored: a log of
 * nothing but `"-"` lines (a scanner's TLS probes) fills no method or path dictionary, so
 * anyRequestsStored says no. The destination index finds the first session without one; flow
 * data, which has a destination on every session, answers from it at once.
 */
function anyAnsweredWithoutDestination(db: Db): boolean {
  return (
    db
      .prepare(`SELECT 1 FROM sessions WHERE ${NO_DESTINATION} AND response_code IS NOT NULL LIMIT 1`)
      .get() !== undefined
  );
}

interface HostCell {
  src: string;
  hostId: number | null;
  importId: number | null;
  sessions: number;
  bytes: number;
}

/**
 * Client → host pairs of the requests within the filter that have no destination IP (`toHost`
 * set); with `ip`, only those touching it: its requests, or the requests to the host it names.
 * Data without requests costs two primary-key reads and a look into the destination index.
 */
export function readHostPairs(db: Db, filter: SessionFilter, ip?: string): Pair[] {
  if (!anyRequestsStored(db) && !anyAnsweredWithoutDestination(db)) return [];
  const forms = ip === undefined ? null : addressMatch(ip, 'ipForm');
  const touching =
    forms === null
      ? ''
      : ` AND (${forms.match('src_ip')} OR host_id IN (SELECT id FROM http_hosts WHERE value = @host))`;
  // Every line the server logged draws its client's edge, a TLS handshake sent to it included.
  const { sql, params } = filterAnd(filter, `${NO_DESTINATION} AND ${ACCESS_LOG_LINE_SQL}${touching}`);
  // Grouped on ids; the few hosts and log files are named after (one read each).
  const cells = db
    .prepare(
      `SELECT src_ip AS src, host_id AS hostId, CASE WHEN host_id IS NULL THEN import_id END AS importId,
         count(*) AS sessions, coalesce(sum(bytes_in), 0) + coalesce(sum(bytes_out), 0) AS bytes
       FROM sessions ${sql} GROUP BY 1, 2, 3`,
    )
    .all({ ...params, ...forms?.params, host: ip === undefined ? undefined : hostOfNode(ip) }) as HostCell[];
  const hostName = db.prepare('SELECT value FROM http_hosts WHERE id = ?').pluck();
  const fileName = db.prepare('SELECT file_name FROM imports WHERE id = ?').pluck();
  const names = new Map<string, string>();
  const nameOf = (cell: HostCell) => {
    const key = cell.hostId === null ? `i${cell.importId}` : `h${cell.hostId}`;
    let name = names.get(key);
    if (name === undefined) {
      name =
        cell.hostId === null
          ? serverOfLog(String(fileName.get(cell.importId) ?? `import ${cell.importId}`))
          : String(hostName.get(cell.hostId));
      names.set(key, name);
    }
    return name;
  };
  // Two imports of files with the same name are one server node: merge their cells.
  const pairs = new Map<string, Pair>();
  for (const cell of cells) {
    const dst = nameOf(cell);
    const key = `${cell.src}\n${dst}`;
    const pair = pairs.get(key);
    if (pair) {
      pair.sessions += cell.sessions;
      pair.bytes += cell.bytes;
    } else pairs.set(key, { src: cell.src, dst, sessions: cell.sessions, bytes: cell.bytes, toHost: true });
  }
  return [...pairs.values()];
}

/**
 * The WHERE clause of a client → host edge's sessions: the same lines readHostPairs summed into
 * it, so the list holds what the edge's weight counts. For a host, the client's lines that asked
 * for it and name no server IP; for a "server of FILE" node, its lines naming neither a host nor a
 * server IP in every import of that file name (readHostPairs makes them one node: the latest
 * import alone listed fewer sessions than the edge said).
 */
export function hostEdgeWhere(src: string, node: string, filter: SessionFilter) {
  const host = hostOfNode(node);
  const edge = { ...filter, srcIp: src, dstIp: undefined };
  const server = host.startsWith(serverOfLog('')) ? host.slice(serverOfLog('').length) : null;
  const ends =
    server === null
      ? 'host_id IN (SELECT id FROM http_hosts WHERE value = @edgeHost)'
      : 'host_id IS NULL AND import_id IN (SELECT id FROM imports WHERE file_name = @edgeServer)';
  const { sql, params } = filterAnd(edge, `${NO_DESTINATION} AND ${ACCESS_LOG_LINE_SQL} AND ${ends}`);
  return { sql, params: { ...params, ...(server === null ? { edgeHost: host } : { edgeServer: server }) } };
}
