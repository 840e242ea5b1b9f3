// `npm run bench -- clickhouse-dialect`: the SQL the ClickHouse connector writes, run on the engine
// the tests use (Debian's clickhouse-server 18.16) and on a current one (chdb: ClickHouse 26.x in
// process), with the answers compared. The connector writes to the subset both accept (issue 20);
// this checks it statement by statement: the source check, the Overview of every chart, the IP
// graph's edges, two Sessions pages and a pull's count and SELECT, for the Overview test's filters
// (request fields, IPv4 and IPv6 blocks, negations, numbers; some clients IPv6), over a table named as Vigil's fields and over a Combined-log
// table read through the `combined` preset's expressions. The pull's SELECT is asked as the pull
// asks it (TabSeparatedWithNames) and read by the import's own parser (session-tsv), so a change in
// how an engine escapes text would show as pulled rows that differ.
//
// chdb is large (about 470 MB) and is no dependency of Vigil: it is installed on first use into
// ~/.cache/vigil-chdb (`npm install --prefix ~/.cache/vigil-chdb chdb`), or VIGIL_CHDB_DIR.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { register } from 'tsx/esm/api';
import { startClickHouse } from './clickhouse-server.mjs';

// The connector is TypeScript; the bench runs it from source as the tests do.
register();
const ts = (file) => import(new URL(`../${file}`, import.meta.url).href);
const { SourceConnection } = await ts('src-main/core/connectors/clickhouse/client.ts');
const { remoteOverview } = await ts('src-main/core/connectors/clickhouse/remote-overview.ts');
const { remoteGraphEdges } = await ts('src-main/core/connectors/clickhouse/remote-graph.ts');
const { remoteSessionPage } = await ts('src-main/core/connectors/clickhouse/remote-sessions.ts');
const { ALIAS_PREFIX, countSql, rowsSql } = await ts('src-main/core/connectors/clickhouse/select.ts');
const { PRESET_MAPPINGS } = await ts('src-main/core/connectors/clickhouse/mapping.ts');
const { PulledLines } = await ts('src-main/core/connectors/clickhouse/pulled-lines.ts');
const { formatById } = await ts('src-main/core/ingest/formats/index.ts');
const { fixtureRows, OVERVIEW_FILTERS, T0, VIGIL_TABLE_COLUMNS, withIpv6Clients } = await ts(
  'test/helpers/clickhouse-fixture.ts',
);
const { parseFilterOrThrow } = await ts('src-shared/filter/parse.ts');

const RANGE = { from: T0, to: T0 + 48 * 3_600_000 };
/** Text an escaping could get wrong, in rows added to the fixture's (web table only). */
const HOSTILE = ['tab\there', 'line\nbreak\r\n', 'back\\slash \\t', '\\N', 'it\'s "quoted"', 'héllo ✓ 🙂'];

const COMBINED_COLUMNS = `time_local DateTime('UTC'), remote_addr String, request_method String, host String,
  request_uri String, server_protocol String, status UInt16, body_bytes_sent UInt64, http_referer String,
  http_user_agent String, request_time Float64`;

/** The fixture's rows as an nginx access-log table would hold them. */
function combinedRows(rows) {
  return rows.map((row, i) => ({
    time_local: new Date(row.startTs).toISOString().slice(0, 19).replace('T', ' '),
    remote_addr: row.srcIp,
    request_method: row.method ?? 'GET',
    host: row.host ?? '',
    request_uri: `${row.path ?? '/'}${row.query ? `?${row.query}` : ''}`,
    server_protocol: 'HTTP/1.1',
    status: row.responseCode ?? 200,
    body_bytes_sent: row.bytesOut ?? 0,
    http_referer: i % 3 === 0 ? '-' : 'https://ref.example/',
    http_user_agent: row.userAgent ?? '',
    request_time: (i % 1000) / 1000,
  }));
}

/** chdb from the cache folder, installed there first when absent. */
function loadChdb() {
  const dir = process.env.VIGIL_CHDB_DIR ?? path.join(os.homedir(), '.cache', 'vigil-chdb');
  const require = createRequire(path.join(dir, 'package.json'));
  try {
    return require('chdb');
  } catch {
    console.log(`clickhouse-dialect: installing chdb into ${dir} (about 470 MB, once)…`);
    fs.mkdirSync(dir, { recursive: true });
    try {
      execFileSync('npm', ['install', '--prefix', dir, '--no-save', 'chdb'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (error) {
      throw new Error(
        `chdb could not be installed into ${dir}: ${error.stderr?.toString().trim() || error.message}`,
      );
    }
    return require('chdb');
  }
}

/** Numbers as numbers (the engines quote 64-bit integers differently), fractions to 9 digits. */
function normalise(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(9));
  if (typeof value === 'string' && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value))
    return normalise(Number(value));
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
}
const rowText = (row) => JSON.stringify(normalise(row));

/**
 * A SourceConnection for the connector's code that asks both engines: the answer it returns is
 * 18.16's (through the real client), and each statement's answer from chdb is compared with it,
 * as a multiset of rows, and in time order when the statement orders its rows.
 */
function twinConnection(server, session, source, results) {
  const real = new SourceConnection(source, { env: { VIGIL_DIALECT_PASSWORD: server.password } });
  const compare = (sql, old, current) => {
    // The one answer that differs by design.
    if (/^SELECT version\(\)/.test(sql)) return;
    // Rows tied on the ORDER BY come in any order: the order is checked on the time alone.
    const ordered = /\bORDER BY\b[^)]*$/i.test(sql);
    const timeOf = (row) => JSON.stringify(normalise(row[`${ALIAS_PREFIX}startTs`] ?? null));
    const outOfOrder = ordered && old.map(timeOf).join() !== current.map(timeOf).join();
    const a = old.map(rowText).sort();
    const b = current.map(rowText).sort();
    const at = a.findIndex((row, i) => row !== b[i]);
    const same = a.length === b.length && at === -1 && !outOfOrder;
    results.push({
      sql,
      rows: old.length,
      same,
      detail: same
        ? ''
        : outOfOrder && at === -1
          ? 'the same rows in another time order'
          : `18.16 gave ${a.length} rows, 26.x ${b.length}; first difference at row ${at === -1 ? a.length : at}:\n      18.16 ${a[at === -1 ? a.length : at] ?? '(none)'}\n      26.x  ${b[at === -1 ? a.length : at] ?? '(none)'}`,
    });
  };
  const current = (sql, format = 'JSONEachRow') => {
    try {
      const lines = session.query(sql, format).split('\n').filter(Boolean);
      return format === 'JSONEachRow' ? lines.map((line) => JSON.parse(line)) : lines;
    } catch (error) {
      results.push({ sql, rows: 0, same: false, detail: `26.x refused it: ${error.message.split('\n')[0]}` });
      return null;
    }
  };
  return {
    async all(sql, signal) {
      const old = await real.all(sql, signal);
      const now = current(sql);
      if (now) compare(sql, old, now);
      return old;
    },
    async rows(sql, onRows, signal) {
      const old = [];
      await real.rows(sql, (block) => old.push(...block), signal);
      const now = current(sql);
      if (now) compare(sql, old, now);
      await onRows(old);
    },
    // The pull's answer, compared as text lines (header and rows, in any order).
    async lines(sql, format, onLines, signal) {
      const old = [];
      await real.lines(sql, format, (block) => void old.push(...block), signal);
      const now = current(sql, format);
      if (now) compare(sql, old, now);
      await onLines(old);
    },
    close: () => real.close(),
  };
}

/** A SourceConnection for the connector's code answered by chdb alone. */
function chdbConnection(session) {
  const ask = (sql) =>
    session
      .query(sql, 'JSONEachRow')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  return {
    all: async (sql) => ask(sql),
    rows: async (sql, onRows) => onRows(ask(sql)),
    lines: async (sql, format, onLines) => onLines(session.query(sql, format).split('\n').filter(Boolean)),
    close: async () => {},
  };
}

/** What a pull stores of the engine's answer: PulledLines as the pull, then the import's parser. */
function pulledSessions(answer) {
  const pulled = new PulledLines();
  pulled.add(answer);
  const read = [];
  const sink = {
    row: (row) => read.push(rowText({ ...row, line: 0 })),
    bad: (_line, raw, reason) => read.push(`quarantined: ${reason}: ${raw}`),
  };
  const parser = formatById('session-tsv').createParser({});
  parser.push(`${pulled.header}\n${pulled.events.map((event) => event.message).join('\n')}\n`, sink);
  parser.end(sink);
  return read.sort();
}

function sourceOf(server, name, table, preset) {
  return {
    name,
    kind: 'clickhouse',
    url: server.url,
    database: 'logs',
    table,
    preset,
    mapping: PRESET_MAPPINGS[preset],
    user: 'default',
    passwordEnv: 'VIGIL_DIALECT_PASSWORD',
    profileFile: null,
    createdAt: 0,
    lastPulledTs: null,
  };
}

/**
 * Every statement the connector writes for one source and filter, through its own code; returns
 * what the connector made of the answers (the charts, the graph, the pages, the pulled rows).
 */
async function exercise(connection, source, filter) {
  await connection.all('SELECT version() AS version');
  await connection.all(rowsSql(source, {}, 1));
  const { milliseconds: _ms, ...overview } = await remoteOverview(connection, source, filter);
  const graphs = [];
  for (const weight of ['sessions', 'bytes'])
    graphs.push(await remoteGraphEdges(connection, source, { filter, weight, minWeight: 1, limit: 40 }));
  const first = await remoteSessionPage(connection, source, filter, null, 7);
  const second = first.next ? await remoteSessionPage(connection, source, filter, first.next, 7) : null;
  const count = await connection.all(countSql(source, filter));
  const answer = [];
  await connection.lines(
    rowsSql(source, filter),
    'TabSeparatedWithNames',
    (block) => void answer.push(...block),
  );
  return { overview, graphs, pages: [first, second], count, pulled: pulledSessions(answer) };
}

/** The parts of two answers of the connector that differ ('' when none). */
function outputDifference(a, b) {
  const parts = [];
  for (const key of Object.keys(a)) {
    const [x, y] = [rowText(a[key]), rowText(b[key])];
    if (x !== y) parts.push(`${key}: 18.16 ${x.slice(0, 200)}\n        26.x  ${y.slice(0, 200)}`);
  }
  return parts.join('\n      ');
}

export async function run() {
  const chdb = loadChdb();
  const rows = withIpv6Clients(fixtureRows(4000, 11));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-dialect-'));
  const session = new chdb.Session(path.join(work, 'chdb'));
  const server = await startClickHouse();
  try {
    const [[version]] = [[session.query('SELECT version()', 'TSV').trim()]];
    const old = (await server.sql('SELECT version()')).trim();
    const load = async (table, columns, body) => {
      for (const sql of [
        'CREATE DATABASE IF NOT EXISTS logs',
        `CREATE TABLE logs.${table} (${columns}) ENGINE = MergeTree ORDER BY tuple()`,
        `INSERT INTO logs.${table} FORMAT JSONEachRow\n${body}`,
      ]) {
        await server.sql(sql);
        session.query(sql);
      }
    };
    const hostile = HOSTILE.map((text, i) => ({
      ...rows[i],
      startTs: T0 + i,
      endTs: T0 + i,
      path: `/${text}`,
      userAgent: text,
      query: `q=${text}`,
    }));
    await load(
      'web',
      VIGIL_TABLE_COLUMNS,
      [...rows, ...hostile].map((row) => JSON.stringify(row)).join('\n'),
    );
    await load(
      'access',
      COMBINED_COLUMNS,
      combinedRows(rows)
        .map((row) => JSON.stringify(row))
        .join('\n'),
    );
    console.log(
      `clickhouse-dialect: clickhouse-server ${old} vs chdb (ClickHouse ${version}), ${rows.length.toLocaleString('en-US')} rows in each of two tables (and ${hostile.length} of hostile text in the first)`,
    );
    let failed = 0;
    let rawDiffering = 0;
    let statements = 0;
    for (const [table, preset] of [
      ['web', 'vigil'],
      ['access', 'combined'],
    ]) {
      const source = sourceOf(server, 'dialect', table, preset);
      for (const text of ['', ...OVERVIEW_FILTERS]) {
        const results = [];
        const filter = { ...RANGE, clauses: parseFilterOrThrow(text) };
        const connection = twinConnection(server, session, source, results);
        let old;
        try {
          old = await exercise(connection, source, filter);
        } finally {
          await connection.close();
        }
        const current = await exercise(chdbConnection(session), source, filter);
        const differing = results.filter((r) => !r.same);
        const difference = outputDifference(old, current);
        statements += results.length;
        rawDiffering += differing.length;
        if (difference) failed++;
        console.log(
          `  ${preset.padEnd(8)} ${`'${text}'`.padEnd(48)} ${results.length} statements, ${results.length - differing.length} same answer; Vigil's reading ${difference ? 'DIFFERS' : 'the same'}`,
        );
        for (const r of differing)
          console.log(`    ${r.sql.replace(/\s+/g, ' ').slice(0, 300)}\n      ${r.detail}`);
        if (difference) console.log(`    what Vigil makes of them differs:\n      ${difference}`);
      }
    }
    console.log(
      `  ${statements} statements in all, ${statements - rawDiffering} with the same answer on both engines; what Vigil makes of the answers (charts, graph, pages, pulled rows): ${failed === 0 ? 'the same for every source and filter' : `different for ${failed} source and filter pairs (listed above)`}`,
    );
    if (failed > 0) process.exitCode = 1;
  } finally {
    session.cleanup?.();
    await server.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
