// Rows of web requests and flows in a ClickHouse table whose columns are named as Vigil's fields
// (the `vigil` mapping preset), generated from a seed so every test knows what it put there.

import { afterAll, beforeAll } from 'vitest';
import { type Core, createCore } from '../../src-main/core/service.js';
import { type ArgsOf, operations } from '../../src-shared/api.js';
import { type ClickHouseServer, startClickHouse } from './clickhouse-server.js';

export const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);

export const VIGIL_TABLE_COLUMNS = `startTs UInt64, endTs UInt64, srcIp String, dstIp Nullable(String),
  srcPort Nullable(UInt16), dstPort Nullable(UInt16), protocol Nullable(String), bytesIn Nullable(UInt64),
  bytesOut Nullable(UInt64), packets Nullable(UInt64), responseCode Nullable(UInt16), country Nullable(String),
  asn Nullable(UInt32), ruleName Nullable(String), detectionType Nullable(String), action Nullable(String),
  label Nullable(String), method Nullable(String), host Nullable(String), path Nullable(String),
  query Nullable(String), httpVersion Nullable(String), userAgent Nullable(String), referrer Nullable(String),
  requestTimeMs Nullable(Float64), tlsProtocol Nullable(String), tlsCipher Nullable(String),
  requestId Nullable(String), requestLine Nullable(String)`;

export interface FixtureRow {
  startTs: number;
  endTs: number;
  srcIp: string;
  dstIp: string | null;
  srcPort: number | null;
  dstPort: number | null;
  protocol: string | null;
  bytesIn: number | null;
  bytesOut: number | null;
  responseCode: number | null;
  country: string | null;
  asn: number | null;
  detectionType: string | null;
  method: string | null;
  host: string | null;
  path: string | null;
  query: string | null;
  userAgent: string | null;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;

/** `n` rows over `hours` hours from T0; every 50th row repeats the one before it exactly. */
export function fixtureRows(n: number, seed = 7, hours = 48): FixtureRow[] {
  const r = random(seed);
  const rows: FixtureRow[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 50 === 49) {
      rows.push({ ...(rows[i - 1] as FixtureRow) });
      continue;
    }
    const web = r() < 0.7;
    const startTs = T0 + Math.floor(r() * hours * 3_600_000);
    const block = pick(r, ['10.1', '10.2', '192.168.7', '203.0.113', '198.51.100']);
    const srcIp = `${block}${block.split('.').length === 2 ? `.${Math.floor(r() * 4)}` : ''}.${1 + Math.floor(r() * 30)}`;
    rows.push({
      startTs,
      endTs: startTs + Math.floor(r() * 5000),
      srcIp,
      dstIp: pick(r, ['10.0.0.5', '10.0.0.6', '172.16.0.9', null]),
      srcPort: 1024 + Math.floor(r() * 60000),
      dstPort: web ? pick(r, [80, 443, 8080]) : pick(r, [22, 53, 3389, 445, null]),
      protocol: web ? 'TCP' : pick(r, ['TCP', 'UDP', null]),
      bytesIn: Math.floor(r() ** 3 * 2_000_000),
      bytesOut: r() < 0.05 ? null : Math.floor(r() ** 2 * 200_000),
      responseCode: web ? pick(r, [200, 200, 200, 301, 403, 404, 500]) : null,
      country: pick(r, ['US', 'DE', 'CN', 'BR', 'NL', null]),
      asn: 64500 + Math.floor(r() * 10),
      detectionType: pick(r, ['waf_rule', 'scan', 'brute_force', null]),
      method: web ? pick(r, ['GET', 'GET', 'POST', 'HEAD']) : null,
      host: web ? pick(r, ['shop.example', 'api.example', 'Admin.Example']) : null,
      path: web
        ? pick(r, ['/', '/admin/login', '/wp-login.php', '/api/v1/items', '/static/app.js', '/50%_off'])
        : null,
      query: web ? pick(r, ['id=1', "q=1' OR '1'='1", 'page=2', null]) : null,
      userAgent: web ? pick(r, ['Mozilla/5.0 (X11)', 'sqlmap/1.7', 'curl/8.0', 'Googlebot/2.1', null]) : null,
    });
  }
  return rows;
}

/** IPv6 clients in the text forms logs write: compressed or not, any case, an IPv4 tail. */
const IPV6_CLIENTS = [
  (i: number) => `2001:db8::${(1 + (i % 40)).toString(16)}`,
  (i: number) => `2001:DB8:0:1::${(1 + (i % 30)).toString(16).toUpperCase()}`,
  (i: number) => `2001:0db8:0000:0002:0000:0000:0000:${(i % 50).toString(16).padStart(4, '0')}`,
  // The mapped form in lower case and, as some servers write it, in upper case.
  (i: number) => `${i % 2 === 0 ? '::ffff:' : '::FFFF:'}203.0.113.${1 + (i % 30)}`,
  (i: number) => `2001:db9::${(i % 20).toString(16)}`,
  (i: number) => `1:2:3:4:5:6:10.1.2.${i % 10}`,
  // Leading zeros on some groups only: too many spellings to list, matched by the address's number.
  (i: number) => `2001:0db8:0:3:0000::${(1 + (i % 4)).toString(16)}`,
];

/** The rows with every fifth client (never a repeated row's) an IPv6 address in one of its forms. */
export function withIpv6Clients(rows: FixtureRow[]): FixtureRow[] {
  return rows.map((row, i) =>
    i % 5 === 2
      ? { ...row, srcIp: (IPV6_CLIENTS[((i / 5) % IPV6_CLIENTS.length) | 0] as (i: number) => string)(i) }
      : row,
  );
}

/**
 * The filters a source's Overview is checked with against the local one (the Overview test, and
 * the dialect bench on 18.16 and a current engine): request fields as patterns and whole values,
 * IPv4 and IPv6 blocks, negations that keep missing values, numbers, text in any case.
 */
export const OVERVIEW_FILTERS = [
  'path:/admin,/wp-login',
  'src:10.0.0.0/8',
  'ua:sqlmap method:post,get',
  // `*` any run inside a part of the value, as the local filter reads it.
  'ua:curl*0,moz*x11 query:*',
  '-country:us port:443,8080 code:>=400',
  'host:admin.example bytes_in:>1000 -type:scan',
  // Whole values in any case: `/` alone (not every path), LIKE's characters, a space.
  'path:=/,=/50%_OFF ua:=curl/8.0,="mozilla/5.0 (x11)"',
  // IPv6 blocks match every text form of their addresses, an IPv4 tail included; IPv4 blocks and
  // addresses the dotted quads and their IPv4-mapped form.
  'src:2001:db8::/32,::ffff:203.0.113.0/120',
  'src:203.0.113.0/25 -method:head',
  'src:203.0.113.7,203.0.113.8 -method:head',
  // Exact IPv6 addresses typed in another form than the table's: upper case, written out, mapped.
  'src:2001:db8:0:1::8,2001:DB8:0:2::C,::ffff:cb00:7112,2001:0db8::3',
  'src:2001:db8:0:3::3',
  '-src:2001:db8:0:1::/64 -src:10.0.0.0/8 port:443,80',
  'asn:64500..64503,64509 -asn:64501',
];

/** Creates `db.table` with Vigil's field names and inserts `rows`. */
export async function loadFixture(server: ClickHouseServer, db: string, table: string, rows: FixtureRow[]) {
  await server.sql(`CREATE DATABASE IF NOT EXISTS ${db}`);
  await server.sql(`DROP TABLE IF EXISTS ${db}.${table}`);
  await server.sql(
    `CREATE TABLE ${db}.${table} (${VIGIL_TABLE_COLUMNS}) ENGINE = MergeTree ORDER BY startTs`,
  );
  const body = rows.map((row) => JSON.stringify(row)).join('\n');
  await server.sql(`INSERT INTO ${db}.${table} FORMAT JSONEachRow\n${body}`);
}

/** Adds `server`'s logs.web as source "fleet", its password read from VIGIL_TEST_CH_PASSWORD. */
export function addFleet(core: Core, server: ClickHouseServer, extra: Partial<ArgsOf<'addSource'>> = {}) {
  process.env.VIGIL_TEST_CH_PASSWORD = server.password;
  return core.service.addSource(
    operations.addSource.args.parse({
      name: 'fleet',
      clickhouse: server.url,
      database: 'logs',
      table: 'web',
      passwordEnv: 'VIGIL_TEST_CH_PASSWORD',
      ...extra,
    }),
  );
}

/** Pulls every row of source "fleet" in `range` into the workspace, waiting until the job is done. */
export async function pullFleet(core: Core, range: { from: number; to: number }) {
  const { jobId } = await core.service.startSourcePull(
    operations.startSourcePull.args.parse({ source: 'fleet', ...range }),
  );
  for (;;) {
    const job = await core.service.jobStatus({ jobId });
    if (job.state === 'done') return;
    if (job.state !== 'running' && job.state !== 'queued') throw new Error(job.error ?? job.message);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * For the suite: a throwaway server holding `rows` as logs.web, and a workspace with every row of
 * `range` pulled from it as source "fleet" (the two sides a remote-equals-local test compares),
 * started before the suite's tests and stopped after them.
 */
export function pulledFleet(rows: object[], range: { from: number; to: number }, dbPath: () => string) {
  const sides = {} as { server: ClickHouseServer; core: Core };
  beforeAll(async () => {
    sides.server = await startClickHouse();
    await loadFixture(sides.server, 'logs', 'web', rows as FixtureRow[]);
    sides.core = createCore({ dbPath: dbPath(), enrich: false });
    await addFleet(sides.core, sides.server);
    await pullFleet(sides.core, range);
  });
  afterAll(async () => {
    await sides.core?.close();
    await sides.server?.stop();
  });
  return sides;
}
