// `npm run bench -- clickhouse [--rows N] [--local-max N]`: a ClickHouse source beside the local
// workspace (issue 20). The 100 M-row run: `npm run bench -- clickhouse --rows 100000000` (the
// local side is skipped above --local-max, default 10 M, with the reason printed).
// Generates N sessions (default 10 M) in a throwaway clickhouse-server (INSERT … SELECT FROM numbers()),
// pulls a 100 000-row slice into a fresh workspace (target < 3 s), pulls every row into a second
// workspace, then times the Overview (every chart, one call, served as the app asks it) for a filter
// the local rollups cannot answer: computed by the engine vs computed by the local workspace, median
// of 3 cold runs each, and the ratio (targets: the source's Overview < 1 s, ≥ 5× the local one).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startClickHouse } from './clickhouse-server.mjs';
import { option } from './measure.mjs';
import { apiCaller, commitElsewhere, serve, vigil } from './vigil-process.mjs';

const T0 = Date.UTC(2026, 0, 5);
const text = (value) => [{ kind: 'text', value }];
/** Filters the local rollups cannot answer, as the filter bar parses them (src-shared/filter). */
const FILTERS = [
  [
    'src:10.0.0.0/8 path:/admin',
    'a CIDR block and a request path',
    [
      { field: 'src', negate: false, values: [{ kind: 'cidr', base: '10.0.0.0', prefix: 8 }] },
      { field: 'path', negate: false, values: text('/admin') },
    ],
  ],
  [
    'ua:sqlmap -country:US',
    'a user agent, a negated country',
    [
      { field: 'ua', negate: false, values: text('sqlmap') },
      { field: 'country', negate: true, values: text('US') },
    ],
  ],
];
const STEP_MS = 60;
const GENERATE_SLICE = 10_000_000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The machine's load average (1 min): the figures of a loaded machine are not an idle one's. */
const load = () => `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`;
const n = (x) => Math.round(x).toLocaleString('en-US');

/** Sessions `offset` … `offset + rows - 1` of web requests, one every 60 ms from T0, fields from a hash of the row number. */
function generateSql(offset, rows) {
  return `INSERT INTO logs.web (startTs, endTs, srcIp, dstIp, dstPort, protocol, bytesIn, bytesOut, responseCode,
      country, detectionType, method, host, path, userAgent)
    SELECT ts, ts + h % 3000,
      concat(toString(10 + h % 3 * 90), '.', toString(intDiv(h, 7) % 256), '.', toString(intDiv(h, 1793) % 256), '.', toString(intDiv(h, 4099) % 250 + 1)),
      '10.0.0.5', [80, 443, 8080, 22][h % 4 + 1], 'TCP', h % 2000000, intDiv(h, 13) % 200000,
      [200, 200, 301, 404, 500][intDiv(h, 3) % 5 + 1], ['US', 'DE', 'CN', 'BR', 'NL', 'FR'][intDiv(h, 11) % 6 + 1],
      ['waf_rule', 'scan', 'brute_force'][intDiv(h, 17) % 3 + 1], ['GET', 'POST', 'HEAD'][intDiv(h, 19) % 3 + 1],
      'shop.example', ['/', '/admin/login', '/wp-login.php', '/api/v1/items', '/static/app.js'][intDiv(h, 23) % 5 + 1],
      ['Mozilla/5.0 (X11)', 'sqlmap/1.7', 'curl/8.0'][intDiv(h, 29) % 3 + 1]
    FROM (SELECT ${T0} + n * ${STEP_MS} AS ts, cityHash64(n) AS h FROM (SELECT number + ${offset} AS n FROM numbers(${rows})))`;
}

/**
 * Waits until the engine merges no parts: right after the INSERT it merges the new parts for about
 * 2.5 s at 10 M rows, on one of the 2 cores, which a pull or an Overview timed then would share.
 * A fleet's table is not one that took 10 M rows a second ago. Returns the seconds waited.
 */
async function settled(server) {
  const started = performance.now();
  for (;;) {
    const merging = Number((await server.sql('SELECT count() FROM system.merges')).trim());
    if (merging === 0) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function timed(fn) {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export async function run(args) {
  const rows = Number(option(args, 'rows', '10000000'));
  const localMax = Number(option(args, 'local-max', '10000000'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-clickhouse-'));
  const server = await startClickHouse();
  process.env.VIGIL_CLICKHOUSE_PASSWORD = server.password;
  try {
    const { readFileSync } = fs;
    const columns = readFileSync(
      new URL('../test/helpers/clickhouse-fixture.ts', import.meta.url),
      'utf8',
    ).match(/VIGIL_TABLE_COLUMNS = `([^`]*)`/)[1];
    await server.sql('CREATE DATABASE logs');
    await server.sql(`CREATE TABLE logs.web (${columns}) ENGINE = MergeTree ORDER BY startTs`);
    // In slices of 10 M rows: one INSERT of 100 M outlasts the HTTP client's 300 s wait for headers.
    const generated = await timed(async () => {
      for (let offset = 0; offset < rows; offset += GENERATE_SLICE)
        await server.sql(generateSql(offset, Math.min(GENERATE_SLICE, rows - offset)));
    });
    console.log(
      `clickhouse: ${n(rows)} sessions generated in the engine in ${(generated.ms / 1000).toFixed(1)} s (${load()})`,
    );
    console.log(
      `  the engine's background merges of the new parts ended ${(await settled(server)).toFixed(1)} s later`,
    );

    // A 100 000-row slice pulled into a fresh workspace (the CLI from start to exit).
    const slice = path.join(work, 'slice.db');
    await vigil(
      'source',
      'add',
      'fleet',
      '--clickhouse',
      server.url,
      '--database',
      'logs',
      '--table',
      'web',
      '--db',
      slice,
    );
    const sliceRows = Math.min(100_000, rows);
    const pulled = await timed(() =>
      vigil(
        'pull',
        '--source',
        'fleet',
        '--from',
        String(T0),
        '--to',
        String(T0 + sliceRows * STEP_MS - 1),
        '--db',
        slice,
        '--no-enrich',
      ),
    );
    console.log(
      `  pull of ${n(sliceRows)} rows into a workspace: ${(pulled.ms / 1000).toFixed(2)} s (target < 3 s), ${n((sliceRows / pulled.ms) * 1000)} rows/s`,
    );

    // Every row into the local workspace the Overview is compared with; above --local-max rows the
    // local side is skipped (a workspace holds the slices an analyst pulls, not the fleet) and the
    // source's Overview is timed alone, served from the slice's workspace.
    const withLocal = rows <= localMax;
    const local = path.join(work, 'local.db');
    if (withLocal) {
      await vigil(
        'source',
        'add',
        'fleet',
        '--clickhouse',
        server.url,
        '--database',
        'logs',
        '--table',
        'web',
        '--db',
        local,
      );
      const all = await timed(() =>
        vigil(
          'pull',
          '--source',
          'fleet',
          '--from',
          String(T0),
          '--to',
          String(T0 + rows * STEP_MS),
          '--limit',
          String(rows + 1),
          '--db',
          local,
          '--no-enrich',
        ),
      );
      console.log(
        `  pull of all ${n(rows)} rows: ${(all.ms / 1000).toFixed(1)} s (${n((rows / all.ms) * 1000)} rows/s)`,
      );
    } else
      console.log(
        `  local workspace skipped: ${n(rows)} rows is above --local-max ${n(localMax)} (a workspace holds the slices an analyst pulls; a pull of every row runs at thousands of rows a second); the source's Overview is timed alone`,
      );

    const served = await serve(withLocal ? local : slice);
    try {
      const call = apiCaller(served.url);
      for (const [text, what, clauses] of FILTERS) {
        const filter = { clauses };
        const localMs = [];
        const remoteMs = [];
        let localAnswer;
        let remoteAnswer;
        for (let i = 0; i < 3; i++) {
          if (withLocal) {
            commitElsewhere(local);
            const l = await timed(() => call('analyticsOverview', { filter }));
            localMs.push(l.ms);
            localAnswer = l.value;
          }
          const r = await timed(() => call('sourceOverview', { source: 'fleet', filter }));
          remoteMs.push(r.ms);
          remoteAnswer = r.value;
        }
        const r = median(remoteMs);
        console.log(
          `  Overview, every chart, '${text}' (${what}; ${n(remoteAnswer.kpis.sessions)} sessions; ${load()}):`,
        );
        const source = `    source (ClickHouse) ${n(r)} ms (target < 1000 ms; engine ${n(remoteAnswer.milliseconds)} ms)`;
        if (!withLocal) {
          console.log(source);
          continue;
        }
        if (localAnswer.kpis.sessions !== remoteAnswer.kpis.sessions)
          throw new Error(
            `sessions differ: local ${localAnswer.kpis.sessions}, source ${remoteAnswer.kpis.sessions}`,
          );
        const l = median(localMs);
        console.log(
          `${source}   local workspace ${n(l)} ms (plan: ${localAnswer.kpis.source})   ratio ${(l / r).toFixed(1)}× (target ≥ 5×)`,
        );
      }
    } finally {
      await served.stop();
    }
  } finally {
    await server.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
