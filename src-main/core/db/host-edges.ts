// Graph edges of requests that name no server IP. An access log (Combined, CloudFront, ALB without
// a target) records the client but not the server's address, so its requests drew no edge and the
// graph of a web server was empty. Such a request's edge goes from the client to the host it asked
// for (the Host header or virtual host), or, when the log does not say, to one node standing for
// the server that wrote the log ("server of access.log"): what an analyst reading a web server's
// log expects, a star of clients around the site. Sessions with a destination IP are untouched.
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { FilterClause } from '../../../src-shared/filter/clauses.js';
import { serverOfLog } from '../../../src-shared/graph.js';
import { ACCESS_LOG_LINE_SQL, anyRequestsStored } from './analytics-web.js';
import { filterAnd, type Pair } from './graph.js';
import type { Db } from './open.js';

const NO_DESTINATION = "(dst_ip IS NULL OR dst_ip = '')";

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
 * Data without requests costs two primary-key reads.
 */
export function readHostPairs(db: Db, filter: SessionFilter, ip?: string): Pair[] {
  if (!anyRequestsStored(db)) return [];
  const touching =
    ip === undefined ? '' : ' AND (src_ip = @ip OR host_id IN (SELECT id FROM http_hosts WHERE value = @ip))';
  // Every line the server logged draws its client's edge, a TLS handshake sent to it included.
  const { sql, params } = filterAnd(filter, `${NO_DESTINATION} AND ${ACCESS_LOG_LINE_SQL}${touching}`);
  // Grouped on ids; the few hosts and log files are named after (one read each).
  const cells = db
    .prepare(
      `SELECT src_ip AS src, host_id AS hostId, CASE WHEN host_id IS NULL THEN import_id END AS importId,
         count(*) AS sessions, coalesce(sum(bytes_in), 0) + coalesce(sum(bytes_out), 0) AS bytes
       FROM sessions ${sql} GROUP BY 1, 2, 3`,
    )
    .all({ ...params, ip }) as HostCell[];
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
 * The filter selecting the sessions of a client → host edge: the client's requests for that host,
 * or, for a "server of FILE" node, its requests in the latest import of that file that name no
 * host (a log either names its hosts or does not).
 */
export function hostEdgeFilter(db: Db, src: string, host: string, filter: SessionFilter): SessionFilter {
  const edge = { ...filter, srcIp: src, dstIp: undefined };
  const server = host.startsWith(serverOfLog('')) ? host.slice(serverOfLog('').length) : null;
  const importId =
    server === null
      ? undefined
      : (db.prepare('SELECT max(id) FROM imports WHERE file_name = ?').pluck().get(server) as number | null);
  if (importId != null) return { ...edge, importId };
  const clause: FilterClause = { field: 'host', negate: false, values: [{ kind: 'text', value: host }] };
  return { ...edge, clauses: [...(filter.clauses ?? []), clause] };
}
