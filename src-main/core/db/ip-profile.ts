// One IP's sessions summarised for the graph drill-down: one read of the IP's rows through the
// src and dst indexes (an OR of two indexed equalities, so its cost follows that IP's sessions,
// not the table) feeds every aggregate; the latest sessions and verdicts are then read by id.
import type { SessionFilter } from '../../../src-shared/domain.js';
import { hostNodeName, type IpProfile } from '../../../src-shared/graph.js';
import { canonicalIp } from '../../../src-shared/ip.js';
import { asName } from '../enrich/as-names.js';
import { addressMatch } from './address-sql.js';
import { FLAGGED_IDS_SQL } from './detection-set.js';
import { activeScoreRun } from './graph.js';
import { readHostPairs } from './host-edges.js';
import { compare, IpProfilePass, ipProfilePasses, PASS_ARGUMENTS, TOP } from './ip-profile-pass.js';
import type { Db } from './open.js';
import { filterAnd, SESSION_COLUMNS, type SessionRowOut, sessionFromRow } from './sessions.js';

const VERDICTS = 15;

/** The IP's sessions at either end, in each text form a log may have written it (address-sql.ts). */
function touches(ip: string): { sql: string; forms: Record<string, unknown> } {
  const { match, params } = addressMatch(ip, 'ipForm');
  return { sql: `${match('src_ip')} OR ${match('dst_ip')}`, forms: params };
}

export function ipProfile(db: Db, ip: string, filter: SessionFilter, recentLimit: number): IpProfile {
  const ends = touches(ip);
  const { sql, params } = filterAnd(filter, ends.sql);
  const run = activeScoreRun(db);
  const scoreJoin = run
    ? 'LEFT JOIN scores ON scores.run_id = @runId AND scores.session_id = sessions.id'
    : '';
  const pass = ipProfilePasses.read(
    db,
    // Flagged as everywhere else (the detection set: active runs' flags and rule hits at its level);
    // the score is the active run's.
    `SELECT vigil_ip_profile(${PASS_ARGUMENTS}, ${run ? 'scores.score' : 'NULL'}, sessions.id IN (${FLAGGED_IDS_SQL}))
     FROM sessions ${scoreJoin} ${sql}`,
    { ...params, ...ends.forms, ...(run ? { runId: run.runId } : {}) },
    new IpProfilePass(ip),
  );
  const { latestIds, asns, peers, ...aggregates } = pass.finish(run !== null, recentLimit);
  return {
    ip,
    ...aggregates,
    peers: withHostPeers(db, ip, filter, peers),
    asns: asns.map(({ asn, sessions }) => ({ asn, name: asn === null ? null : asName(asn), sessions })),
    recent: sessionsById(db, latestIds),
    verdicts: latestVerdicts(db, ip, filter),
  };
}

/**
 * The IP's peers with the hosts its requests without a server IP went to (an access log's site, or
 * "server of FILE"), named and summed as the graph's edges to them (readHostPairs, hostNodeName):
 * the pass only sees destination IPs, so an access-log client listed no peer beside its edges.
 * The pass's top peers hold every IP peer of the merged top, so merging and cutting again is exact.
 */
function withHostPeers(
  db: Db,
  ip: string,
  filter: SessionFilter,
  peers: IpProfile['peers'],
): IpProfile['peers'] {
  const self = canonicalIp(ip);
  // Only its own requests: a host node that is this address ("10.0.0.1 (host)") is another node.
  const hosts = readHostPairs(db, filter, ip)
    .filter((pair) => canonicalIp(pair.src) === self)
    .map((pair) => ({
      ip: hostNodeName(pair.dst),
      direction: 'out' as const,
      sessions: pair.sessions,
      bytes: pair.bytes,
    }));
  if (hosts.length === 0) return peers;
  // Two texts of the address (forms) are one node's edges in the drill-down: summed per host.
  const merged = new Map<string, IpProfile['peers'][number]>();
  for (const host of hosts) {
    const had = merged.get(host.ip);
    if (had) {
      had.sessions += host.sessions;
      had.bytes += host.bytes;
    } else merged.set(host.ip, host);
  }
  return [...peers, ...merged.values()]
    .sort((a, b) => b.sessions - a.sessions || compare(a.ip, b.ip))
    .slice(0, TOP);
}

/** Sessions by id, in the order given (one deleted since the pass read it is left out). */
function sessionsById(db: Db, ids: number[]): IpProfile['recent'] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as SessionRowOut[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [sessionFromRow(row)] : [];
  });
}

/**
 * The latest verdicts on the IP's sessions. Verdicts are few next to a busy IP's sessions, so the
 * join starts from them (CROSS JOIN fixes that order in SQLite).
 */
function latestVerdicts(db: Db, ip: string, filter: SessionFilter): IpProfile['verdicts'] {
  const ends = touches(ip);
  const { sql, params } = filterAnd(filter, ends.sql);
  return db
    .prepare(
      `SELECT verdicts.session_id AS sessionId, verdicts.verdict, verdicts.note, verdicts.at
       FROM verdicts CROSS JOIN sessions ON sessions.id = verdicts.session_id ${sql}
       ORDER BY verdicts.at DESC, verdicts.session_id DESC LIMIT ${VERDICTS}`,
    )
    .all({ ...params, ...ends.forms }) as IpProfile['verdicts'];
}
