// A pull spools the engine's tab-separated rows as they come and the import undoes the escapes
// (connectors/clickhouse/pulled-lines.ts, ingest/formats/session-tsv.ts): hostile text (tabs, line
// breaks, backslashes, a literal \N, quotes, text that reads like an engine error, non-ASCII)
// arrives exactly as the source holds it, a NUL byte is quarantined, and numbers keep their value.
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/service.js';
import { operations } from '../../../src-shared/api.js';
import { addFleet, T0, VIGIL_TABLE_COLUMNS } from '../../helpers/clickhouse-fixture.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let server: ClickHouseServer;

const TEXTS = [
  'tab\there',
  'line\nbreak and\r\ncarriage return',
  'back\\slash \\t not a tab',
  '\\N',
  'it\'s "quoted"',
  'Code: 60. DB::Exception: not an error, a path',
  'héllo wörld ✓ 🙂',
  'ends with a backslash\\',
];
const ROWS = TEXTS.map((text, i) => ({
  startTs: T0 + i * 1000,
  endTs: T0 + i * 1000 + 250,
  srcIp: `10.0.0.${i + 1}`,
  path: `/p/${text}`,
  userAgent: text,
  query: i % 2 ? null : `q=${text}`,
  bytesIn: 2 ** 53 - 1 - i,
  requestTimeMs: 1.5 * i,
}));

beforeAll(async () => {
  server = await startClickHouse();
  await server.sql('CREATE DATABASE logs');
  await server.sql(`CREATE TABLE logs.web (${VIGIL_TABLE_COLUMNS}) ENGINE = MergeTree ORDER BY startTs`);
  const nul = { startTs: T0 + 60_000, endTs: T0 + 60_000, srcIp: '10.0.1.1', userAgent: 'nul\u0000byte' };
  const body = [...ROWS, nul].map((row) => JSON.stringify(row)).join('\n');
  await server.sql(`INSERT INTO logs.web FORMAT JSONEachRow\n${body}`);
});
afterAll(async () => {
  await server?.stop();
});

it('pulls hostile text exactly, quarantines a NUL byte and keeps numbers whole', async () => {
  const core = createCore({ dbPath: path.join(tempDir(), 'vigil.db'), enrich: false });
  try {
    await addFleet(core, server);
    const { jobId } = await core.service.startSourcePull(
      operations.startSourcePull.args.parse({ source: 'fleet', from: T0, to: T0 + 3_600_000 }),
    );
    let job = await core.service.jobStatus({ jobId });
    while (job.state === 'running' || job.state === 'queued') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = await core.service.jobStatus({ jobId });
    }
    expect(job.sourcePullSummary).toMatchObject({
      status: 'done',
      rows: ROWS.length + 1,
      counts: { stored: ROWS.length, quarantined: 1, duplicates: 0 },
    });
    const page = await core.service.sessionPage(operations.sessionPage.args.parse({ limit: 100 }));
    const stored = [...page.items].sort((a, b) => a.startTs - b.startTs);
    expect(
      stored.map((s) => ({
        startTs: s.startTs,
        endTs: s.endTs,
        srcIp: s.srcIp,
        path: s.path,
        userAgent: s.userAgent,
        query: s.query,
        bytesIn: s.bytesIn,
        requestTimeMs: s.requestTimeMs,
      })),
    ).toEqual(ROWS);
    const quarantined = await core.service.quarantinePage(
      operations.quarantinePage.args.parse({ importId: job.sourcePullSummary?.importIds[0] }),
    );
    expect(quarantined.items.map((q) => q.reason)).toEqual(['userAgent: contains a NUL byte']);
  } finally {
    await core.close();
  }
});
