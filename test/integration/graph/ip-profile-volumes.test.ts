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
