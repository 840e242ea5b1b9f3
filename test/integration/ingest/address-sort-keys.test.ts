// The ingest writer stores each session's address sort keys (db/address-sort-key.ts) beside its
// addresses: the keys it computes once per string of a batch (batch-address-keys.ts) are the ones
// addressSortKey gives, for sources and destinations, repeated or not, across batches.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressSortKey } from '../../../src-main/core/db/address-sort-key.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { sessionPage } from '../../../src-main/core/db/sessions.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { createTempDirs, SAMPLE } from '../../helpers/temp.js';

const tempDir = createTempDirs();

interface Keyed {
  src_ip: string;
  dst_ip: string | null;
  src_ip_sort_key: Buffer;
  dst_ip_sort_key: Buffer;
}

const CLIENTS = ['10.0.0.10', '10.0.0.9', '2001:db8::10', '2001:DB8::9', '::ffff:10.0.0.9', '9.255.255.255'];

describe('the ingest writer', () => {
  for (const parser of ['inline', 'worker'] as const)
    it(`stores the sort key of every source and destination it writes (${parser} parser)`, async () => {
      const dir = tempDir();
      const log = path.join(dir, 'access.log');
      // Enough lines for several batches, each client many times.
      const lines = Array.from({ length: 3000 }, (_, i) => {
        const second = String(i % 60).padStart(2, '0');
        const minute = String(Math.floor(i / 60) % 60).padStart(2, '0');
        return `${CLIENTS[i % CLIENTS.length]} - - [25/Apr/2024:10:${minute}:${second} +0000] "GET /p${i} HTTP/1.1" 200 10 "-" "curl/8.0"`;
      });
      fs.writeFileSync(log, `${lines.join('\n')}\n`);
      const db = openDatabase(path.join(dir, 'vigil.db'));
      await runImport(db, { file: SAMPLE, enrich: false, parser });
      await runImport(db, { file: log, enrich: false, parser });
      const rows = db
        .prepare('SELECT src_ip, dst_ip, src_ip_sort_key, dst_ip_sort_key FROM sessions')
        .all() as Keyed[];
      expect(rows.length).toBeGreaterThan(3000);
      expect(new Set(rows.map((r) => r.dst_ip)).size).toBeGreaterThan(1);
      for (const row of rows) {
        expect(row.src_ip_sort_key, row.src_ip).toEqual(addressSortKey(row.src_ip));
        expect(row.dst_ip_sort_key, String(row.dst_ip)).toEqual(addressSortKey(row.dst_ip));
      }
      // And the access log's clients sort as addresses (the sample's sources come first or after).
      const sources = sessionPage(db, {
        filter: { importId: 2 },
        sort: 'srcIp',
        direction: 'asc',
        offset: 0,
        limit: 3000,
      }).items.map((s) => s.srcIp);
      expect([...new Set(sources)]).toEqual([
        '9.255.255.255',
        '10.0.0.9',
        '::ffff:10.0.0.9',
        '10.0.0.10',
        '2001:DB8::9',
        '2001:db8::10',
      ]);
      db.close();
    });
});
