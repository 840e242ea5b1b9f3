// `npm run bench -- overview [--rows N] [--db FILE]`: the Overview at N sessions (default 1 M).
// Figures: the Overview's one analytics call (every chart for a filter) over HTTP (serve mode,
// median of 7 after a warm-up) against the 50 ms target, the same aggregates computed by a scan of
// sessions as the reference, and the time from navigation to every Overview chart drawn in Debian
// Chromium against the 1 s target.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../src-main/core/reports/chromium.mjs';
import { measure, option } from './measure.mjs';
import { commitElsewhere, serve, signIn, vigil } from './vigil-process.mjs';

/** Every chart of the Overview for a filter, in one answer. */
const OVERVIEW = 'analyticsOverview';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeCall(base, cookie, name, filter) {
  const started = performance.now();
  const response = await fetch(new URL(`/api/${name}`, base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({ filter }),
  });
  const answer = await response.json();
  if (!answer.ok) throw new Error(`${name}: ${answer.error}`);
  return performance.now() - started;
}

async function overviewLoad(url, cookie, runs) {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    // The printed link works once and the bench used it: the browser gets the session it opened.
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: new URL('/', url).href }]);
    const times = [];
    for (let i = 0; i < runs; i++) {
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(new URL('/#/overview', url).href);
      await page.waitForFunction(
        () => {
          const charts = [...document.querySelectorAll('.chart')];
          return (
            charts.length >= 9 &&
            charts.every(
              (c) =>
                c.dataset.loading === 'false' &&
                (c.dataset.state !== 'ready' || c.querySelector('[data-drawn="true"]') !== null),
            )
          );
        },
        null,
        { timeout: 60_000, polling: 'raf' },
      );
      times.push(performance.now() - started);
      await page.close();
    }
    return times;
  } finally {
    await browser.close();
  }
}

/** The reference: the same aggregates straight from sessions, as a dashboard without rollups would. */
function scanReference(db) {
  const handle = new Database(db, { readonly: true });
  const time = (sql) => {
    const started = performance.now();
    handle.prepare(sql).all();
    return performance.now() - started;
  };
  const figures = {
    'KPIs by scan': time(
      'SELECT count(*), sum(bytes_in), sum(bytes_out), count(DISTINCT src_ip), count(DISTINCT country) FROM sessions',
    ),
    'type × country by scan': time('SELECT country, detection_type, count(*) FROM sessions GROUP BY 1, 2'),
  };
  handle.close();
  return figures;
}

// `port:443`: the rollups have no port level for most charts, so each reads the matching sessions.
const PORT_443 = {
  clauses: [{ field: 'port', negate: false, values: [{ kind: 'cmp', op: '=', value: 443 }] }],
};
const PORT_443_SQL = 'FROM sessions WHERE dst_port = 443';

/**
 * A filter the rollups cannot answer: every chart is asked, in the Overview's one call, each time
 * after a commit elsewhere (which drops the kept digest). The reference is sqlite3 running the
 * GROUP BY and DISTINCT queries that give the same charts, one after another.
 */
async function unansweredByRollups(db, base, cookie) {
  const walls = [];
  for (let i = 0; i < 3; i++) {
    commitElsewhere(db);
    const started = performance.now();
    await timeCall(base, cookie, OVERVIEW, PORT_443);
    walls.push(performance.now() - started);
  }
  const queries = [
    `SELECT count(*), sum(bytes_in), sum(bytes_out), count(DISTINCT country), count(DISTINCT src_ip) ${PORT_443_SQL}`,
    `SELECT country, detection_type, count(*) ${PORT_443_SQL} GROUP BY 1, 2`,
    `SELECT country, count(*) ${PORT_443_SQL} GROUP BY 1`,
    `SELECT (start_ts / 3600000) * 3600000, count(*), sum(bytes_in), sum(bytes_out) ${PORT_443_SQL} GROUP BY 1`,
    `SELECT protocol, dst_port, count(*) ${PORT_443_SQL} GROUP BY 1, 2`,
    `SELECT bytes_in, bytes_out, duration_ms ${PORT_443_SQL}`,
  ];
  const reference = measure('sqlite3', ['-readonly', db, `${queries.join(';\n')};`]).seconds * 1000;
  const ours = median(walls);
  console.log(
    `  ${'port:443 (sessions), every chart (one call)'.padEnd(48)} ${ours.toFixed(0).padStart(7)} ms  [${walls.map((t) => t.toFixed(0)).join(', ')}]`,
  );
  console.log(
    `  ${'reference: sqlite3, the same charts by SQL'.padEnd(48)} ${reference.toFixed(0).padStart(7)} ms  ratio ${(reference / ours).toFixed(2)}× (ours faster above 1)`,
  );
}

export async function run(args) {
  const rows = Number(option(args, 'rows', '1000000'));
  const given = option(args, 'db', null);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-overview-'));
  try {
    let db = given;
    if (!db) {
      db = path.join(dir, 'bench.db');
      console.log(`overview: generating and importing ${rows.toLocaleString('en-US')} sessions…`);
      await vigil(
        'generate',
        '--rows',
        String(rows),
        '--seed',
        '1',
        '--out',
        path.join(dir, 'bench.csv'),
        '--days',
        '30',
      );
      await vigil('ingest', '--db', db, '--no-enrich', path.join(dir, 'bench.csv'));
    }
    const stored = new Database(db, { readonly: true }).prepare('SELECT count(*) AS n FROM sessions').get().n;
    const server = await serve(db);
    try {
      const cookie = await signIn(server.url);
      const base = new URL('/', server.url);
      const span = await (
        await fetch(new URL('/api/dashboardSummary', base), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Cookie: cookie },
          body: '{}',
        })
      ).json();
      const day = 86_400_000;
      const from = Math.floor(span.value.lastTs / day) * day - 3 * day;
      const filters = {
        'no filter': {},
        'country:US,CA + 3 days': {
          from,
          to: from + 3 * day,
          clauses: [
            {
              field: 'country',
              negate: false,
              values: [
                { kind: 'text', value: 'US' },
                { kind: 'text', value: 'CA' },
              ],
            },
          ],
        },
        // A bare word: looked up in the stored values and asked as `type:waf_rule` (db/free-text.ts).
        'free text: waf': {
          clauses: [{ field: 'text', negate: false, values: [{ kind: 'text', value: 'waf' }] }],
        },
      };
      console.log(
        `\nOverview analytics at ${stored.toLocaleString('en-US')} sessions (HTTP round trip, median of 7; target < 50 ms)`,
      );
      for (const [label, filter] of Object.entries(filters)) {
        const first = await timeCall(base, cookie, OVERVIEW, filter);
        const times = [];
        for (let i = 0; i < 7; i++) times.push(await timeCall(base, cookie, OVERVIEW, filter));
        const ms = median(times);
        console.log(
          `  ${label.padEnd(24)} ${OVERVIEW.padEnd(24)} ${ms.toFixed(1).padStart(7)} ms  (first ${first.toFixed(1)} ms)  ${ms < 50 ? 'ok' : 'OVER TARGET'}`,
        );
      }
      await unansweredByRollups(db, base, cookie);
      const reference = scanReference(db);
      for (const [label, ms] of Object.entries(reference))
        console.log(`  reference: ${label.padEnd(28)} ${ms.toFixed(1).padStart(7)} ms (what rollups avoid)`);
      const loads = await overviewLoad(server.url, cookie, 5);
      const ms = median(loads);
      console.log(
        `\nNavigation → Overview fully drawn (Chromium, median of 5): ${ms.toFixed(0)} ms  [${loads
          .map((t) => t.toFixed(0))
          .join(', ')}]  target < 1000 ms  ${ms < 1000 ? 'ok' : 'OVER TARGET'}`,
      );
    } finally {
      server.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
