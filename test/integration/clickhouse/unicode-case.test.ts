// Text in any case beyond ASCII, on a real ClickHouse (18.16) and locally over the same rows
// pulled: ClickHouse's lower() folds A-Z only, so `ua:ÉCLAIR` or the free text `CAFÉ` found
// other rows on the engine than in the workspace (src-shared/filter/case-fold.ts).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFilterOrThrow } from '../../../src-shared/filter/parse.js';
import { pulledFleet, T0 } from '../../helpers/clickhouse-fixture.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const RANGE = { from: T0, to: T0 + 3_600_000 };
const ROWS = [
  { path: '/Über/a', userAgent: 'Éclair/1.0', ruleName: 'Café Rule', method: 'GET' },
  { path: '/über/b', userAgent: 'ÉCLAIR/2.0', ruleName: 'CAFÉ RULE', method: 'GET' },
  { path: '/uber/c', userAgent: 'éclair/3.0', ruleName: 'cafe rule', method: 'GET' },
  { path: '/x', userAgent: 'eclair/4.0', ruleName: 'other', method: 'GET' },
].map((row, i) => ({ ...row, startTs: T0 + i * 1000, endTs: T0 + i * 1000 + 10, srcIp: `10.0.0.${i + 1}` }));
// A dual-stack server's IPv4 client, and an IPv6 one: free text finds each in every text form.
ROWS.push(
  { ...ROWS[3]!, startTs: T0 + 10_000, endTs: T0 + 10_010, srcIp: '::ffff:10.0.0.9' },
  { ...ROWS[3]!, startTs: T0 + 11_000, endTs: T0 + 11_010, srcIp: '2001:db8::9' },
);
const fleet = pulledFleet(ROWS, RANGE, () => path.join(tempDir(), 'vigil.db'));

describe('any case beyond ASCII, and free text addresses, on the engine as in the workspace', () => {
  it.each([
    ['ua:ÉCLAIR', 3],
    ['ua:éclair*/2', 1],
    ['ua:="éclair/2.0"', 1],
    ['path:/ÜBER', 2],
    ['-path:/über', 4],
    ['rule:"café rule"', 2],
    ['CAFÉ', 2],
    ['éclair', 3],
    ['eclair', 3],
    ['10.0.0.9', 1],
    ['2001:DB8::9', 1],
    ['-2001:0db8:0:0:0:0:0:9', 5],
  ] as const)('%s', async (text, sessions) => {
    const filter = { ...RANGE, clauses: parseFilterOrThrow(text) };
    const local = await fleet.core.service.analyticsOverview({ filter });
    const remote = await fleet.core.service.sourceOverview({ source: 'fleet', filter });
    expect({ local: local.kpis.sessions, remote: remote.kpis.sessions }).toEqual({
      local: sessions,
      remote: sessions,
    });
  });
});
