// The per-client rollups pass through the writer's memory (ingest/client-cells.ts) and its staging
// (db/staged-pairs.ts) before the merge. Here on a real database, with a bound small enough that
// cells are staged several times within an import (and within a window), and with one so large
// that the writer adds them to the rollups itself at the merge: the pairs and sources the merge
// adds must be the plain sums, with each source's first country, whatever was staged when.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { StagedPairs } from '../../../src-main/core/db/staged-pairs.js';
import {
  createStagedRollups,
  dropStagedRollups,
  mergeStagedRollups,
  onMerge,
} from '../../../src-main/core/db/staged-rollups.js';
import { plainIpv4 } from '../../../src-main/core/ingest/address-geo-memo.js';
import { ClientCells } from '../../../src-main/core/ingest/client-cells.js';
import { numberToIpv4 } from '../../../src-shared/filter/ipv4.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

/** src, dst, country, sessions, bytes in, bytes out, first, last: one pair cell of a window. */
type Cell = [string, string, string, number, number, number, number, number];

const WINDOWS: Cell[][] = [
  [
    ['10.0.0.1', '', 'DE', 2, 10, 20, 100, 150],
    ['10.0.0.2', '192.0.2.1', 'US', 1, 1, 1, 120, 120],
    ['2001:db8::5', '', 'NL', 1, 5, 5, 130, 130],
  ],
  [
    // 10.0.0.1 now with another country and a second destination: its first country stays.
    ['10.0.0.1', '192.0.2.1', 'FR', 1, 3, 4, 90, 90],
    ['10.0.0.1', '', 'FR', 1, 1, 1, 300, 300],
    ['10.0.0.3', '', 'CA', 4, 40, 40, 200, 260],
  ],
  [
    ['10.0.0.2', '192.0.2.1', 'JP', 2, 2, 2, 400, 500],
    ['2001:db8::5', '', 'IL', 1, 5, 5, 50, 50],
    ['10.0.0.1', '198.51.100.9', 'AT', 1, 1, 1, 600, 600],
  ],
];

/** Endpoint keys as a rollup window makes them: a plain IPv4 address's number, else −1 − a code. */
const endpoints = {
  texts: [] as string[],
  key(text: string): number {
    const ip = plainIpv4(text);
    if (ip >= 0) return ip;
    if (!this.texts.includes(text)) this.texts.push(text);
    return -1 - this.texts.indexOf(text);
  },
  endpointText(key: number): string {
    return key >= 0 ? numberToIpv4(key) : this.texts[-1 - key]!;
  },
};

function importCells(bound: number, file: string) {
  const db = openDatabase(file);
  // An earlier import's share: a stored source keeps its country, and the sums add up.
  db.prepare(`INSERT INTO rollup_pairs VALUES ('10.0.0.3', '', 1, 1, 1, 1000, 1000)`).run();
  db.prepare(`INSERT INTO rollup_sources VALUES ('10.0.0.3', 'XX', 1, 1, 1, 1000, 1000)`).run();
  db.transaction(() => {
    createStagedRollups(db);
    const pairs = new StagedPairs(db);
    const cells = new ClientCells(pairs, bound);
    onMerge(db, 'per-client rollups', () => cells.finish());
    for (const window of WINDOWS) {
      for (const [src, dst, ...sums] of window)
        cells.add(endpoints, endpoints.key(src), endpoints.key(dst), ...sums);
      cells.endWindow();
    }
    mergeStagedRollups(db);
  })();
  dropStagedRollups(db);
  const read = (table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
  const result = { pairs: read('rollup_pairs'), sources: read('rollup_sources') };
  db.close();
  return result;
}

describe('staged per-client rollups', () => {
  it('add the plain sums and first countries, however often the cells were staged', () => {
    const dir = tempDir();
    const pair = (src: string, dst: string, n: number, bin: number, bout: number, f: number, l: number) => ({
      src_ip: src,
      dst_ip: dst,
      sessions: n,
      bytes_in: bin,
      bytes_out: bout,
      first_ts: f,
      last_ts: l,
    });
    const source = (
      src: string,
      country: string,
      n: number,
      bin: number,
      bout: number,
      f: number,
      l: number,
    ) => ({
      src_ip: src,
      country,
      sessions: n,
      bytes_in: bin,
      bytes_out: bout,
      first_ts: f,
      last_ts: l,
    });
    const expected = {
      pairs: [
        pair('10.0.0.1', '', 3, 11, 21, 100, 300),
        pair('10.0.0.1', '192.0.2.1', 1, 3, 4, 90, 90),
        pair('10.0.0.1', '198.51.100.9', 1, 1, 1, 600, 600),
        pair('10.0.0.2', '192.0.2.1', 3, 3, 3, 120, 500),
        pair('10.0.0.3', '', 5, 41, 41, 200, 1000),
        pair('2001:db8::5', '', 2, 10, 10, 50, 130),
      ],
      sources: [
        source('10.0.0.1', 'DE', 5, 15, 26, 90, 600),
        source('10.0.0.2', 'US', 3, 3, 3, 120, 500),
        source('10.0.0.3', 'XX', 5, 41, 41, 200, 1000),
        source('2001:db8::5', 'NL', 2, 10, 10, 50, 130),
      ],
    };
    // Held until the merge (added to the rollups directly); staged at every second cell; at every
    // new cell.
    for (const bound of [1 << 18, 2, 1])
      expect(importCells(bound, path.join(dir, `b${bound}.db`)), `bound ${bound}`).toEqual(expected);
  });
});
