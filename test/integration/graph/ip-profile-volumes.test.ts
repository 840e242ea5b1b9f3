// The graph drill-down of an IP whose log records no bytes in (an access log: the response's size
// only): its bytes in are none recorded (null), not a sum of 0; its bytes out are summed.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipProfile } from '../../../src-main/core/db/ip-profile.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let db: Db;

beforeAll(async () => {
  const dir = tempDir();
  const log = path.join(dir, 'access.log');
  fs.writeFileSync(
    log,
    [
      '192.0.2.1 - - [12/Feb/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
      '192.0.2.1 - - [12/Feb/2024:10:00:01 +0000] "GET /missing HTTP/1.1" 404 0 "-" "Mozilla/5.0"',
      '192.0.2.2 - - [12/Feb/2024:10:00:02 +0000] "GET / HTTP/1.1" 304 - "-" "Mozilla/5.0"',
    ].join('\n'),
  );
  db = openDatabase(path.join(dir, 'v.db'));
  expect((await runImport(db, { file: log, enrich: false })).status).toBe('done');
});
afterAll(() => db.close());

describe('an IP profile over an access log', () => {
  it('has no bytes in, and sums the bytes out it has (a 0 included)', () => {
    expect(ipProfile(db, '192.0.2.1', {}, 10)).toMatchObject({ sessions: 2, bytesIn: null, bytesOut: 512 });
  });

  it('reads a response size of "-" as 0 bytes out, as Apache logs %b for an empty body', () => {
    expect(ipProfile(db, '192.0.2.2', {}, 10)).toMatchObject({ sessions: 1, bytesIn: null, bytesOut: 0 });
  });
});

describe('an IP profile asked in another text form than the log wrote', () => {
  it('counts the sessions of the address, as the Sessions view and the panel’s requests do', async () => {
    const dir = tempDir();
    const log = path.join(dir, 'v6.log');
    // The log writes the short lower-case form and an IPv4 client as IPv4-mapped.
    fs.writeFileSync(
      log,
      [
        '2001:db8::7 - - [12/Feb/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
        '2001:db8::7 - - [12/Feb/2024:10:00:01 +0000] "GET /a HTTP/1.1" 200 10 "-" "Mozilla/5.0"',
        '::ffff:192.0.2.9 - - [12/Feb/2024:10:00:02 +0000] "GET / HTTP/1.1" 200 5 "-" "Mozilla/5.0"',
      ].join('\n'),
    );
    const v6 = openDatabase(path.join(dir, 'v6.db'));
    try {
      expect((await runImport(v6, { file: log, enrich: false })).status).toBe('done');
      // Typed in capitals with every group written out (as another tool prints it): it read 0 sessions.
      expect(ipProfile(v6, '2001:0DB8:0000:0000:0000:0000:0000:0007', {}, 10)).toMatchObject({
        sessions: 2,
        asSource: 2,
        bytesOut: 522,
      });
      expect(ipProfile(v6, '192.0.2.9', {}, 10)).toMatchObject({ sessions: 1, asSource: 1 });
    } finally {
      v6.close();
    }
  });
});
