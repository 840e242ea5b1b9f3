// A source's '' and '-' in a text field are "no value", as the import reads them (ingest/values.ts):
// a table loaded from access logs keeps nginx's '-' for a missing user agent, referrer or country,
// and the filter and the Overview on the engine must select and count what the workspace does with
// the same rows pulled (a real 18.16 server, a real workspace).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFilterOrThrow } from '../../../src-shared/filter/parse.js';
import { type FixtureRow, fixtureRows, pulledFleet, T0 } from '../../helpers/clickhouse-fixture.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const RANGE = { from: T0, to: T0 + 48 * 3_600_000 };

/** Every third row says "none" in its text fields as '-', every fifth as ''. */
function withNoneWritten(rows: FixtureRow[]): FixtureRow[] {
  return rows.map((row, i) => {
    const none = i % 3 === 0 ? '-' : i % 5 === 0 ? '' : null;
    if (none === null) return row;
    const pick = <T>(at: number, value: T) => ((i >> at) % 2 === 0 ? none : value);
    return {
      ...row,
      userAgent: pick(0, row.userAgent),
      method: pick(1, row.method),
      host: pick(2, row.host),
      path: pick(3, row.path),
      country: pick(1, row.country),
      detectionType: pick(2, row.detectionType),
      protocol: pick(0, row.protocol),
      dstIp: pick(3, row.dstIp),
    };
  });
}

const ROWS = withNoneWritten(fixtureRows(1500, 5));
const fleet = pulledFleet(ROWS, RANGE, () => path.join(tempDir(), 'vigil.db'));

describe("a source's '' and '-' are no value, as in the workspace", () => {
  it.each([
    '-ua:*',
    'ua:*',
    'uaclass:empty',
    'method:-',
    'host:-',
    'path:-',
    '-method:* path:*',
    '-country:*',
    '-type:*',
    'proto:-',
    '-dst:*',
    // Values no missing text can match: the engine tests the column as stored (filter-sql.ts).
    '-ua:mozilla',
    '-country:nl',
    'path:/*',
    'method:get',
    // Values a missing text can match: as fieldExpr reads it.
    'ua:*-*',
    '-path:-*',
  ])('filter %s: the Overview equals the local one', async (text) => {
    const filter = { ...RANGE, clauses: parseFilterOrThrow(text) };
    const local = await fleet.core.service.analyticsOverview({ filter });
    const remote = await fleet.core.service.sourceOverview({ source: 'fleet', filter });
    expect({
      sessions: remote.kpis.sessions,
      sourceIps: remote.kpis.sourceIps,
      countries: remote.kpis.countries,
      cells: remote.typeByCountry.cells,
      protocols: remote.ports.protocols,
    }).toEqual({
      sessions: local.kpis.sessions,
      sourceIps: local.kpis.sourceIps,
      countries: local.kpis.countries,
      cells: local.typeByCountry.cells,
      protocols: local.ports.protocols,
    });
  });

  it('without a filter: no country "-", no type or protocol "-"', async () => {
    const local = await fleet.core.service.analyticsOverview({ filter: RANGE });
    const remote = await fleet.core.service.sourceOverview({ source: 'fleet', filter: RANGE });
    expect(remote.kpis.sessions).toBe(ROWS.length);
    const cell = (c: { country: string; detectionType: string }) => `${c.country}|${c.detectionType}`;
    const sorted = <T extends { country: string; detectionType: string }>(cells: T[]) =>
      [...cells].sort((a, b) => (cell(a) < cell(b) ? -1 : 1));
    expect(sorted(remote.typeByCountry.cells)).toEqual(sorted(local.typeByCountry.cells));
    expect(remote.countries.rows.map((r) => [r.country, r.sessions])).toEqual(
      local.countries.rows.map((r) => [r.country, r.sessions]),
    );
    expect(remote.ports.protocols).toEqual(local.ports.protocols);
  });
});
