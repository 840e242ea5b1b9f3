// A .gz whose compressed data breaks (bytes after its last member that are not gzip, a member
// corrupt in the middle): every record decompressed whole before the break is stored, none is
// lost between what was decoded and what was imported.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { expectReconciled, importFile, tempWorkspace } from './harness.js';

/** Lines that do not compress to nothing, so the tail of the output spans several inflate calls. */
function accessLog(from: number, count: number): string {
  let text = '';
  for (let i = from; i < from + count; i++)
    text += `192.0.2.${i % 250} - - [10/Oct/2023:13:55:36 +0000] "GET /p/${(i * 7919) % 100003} HTTP/1.1" 200 ${i} "-" "agent/${(i * 104729) % 1000003}"\n`;
  return text;
}

describe('a .gz that breaks after whole records', () => {
  it('stores every record of a complete gzip member followed by bytes that are not gzip', async () => {
    const ws = tempWorkspace();
    const gz = Buffer.concat([gzipSync(accessLog(0, 3000)), Buffer.from('this is not gzip\n')]);
    const result = await importFile(ws.db, { file: ws.write('access.log.gz', gz) });
    expect(result.record).toMatchObject({ status: 'done', rowsRead: 3000, stored: 3000, quarantined: 0 });
    expect(result.record.message).toMatch(/corrupt/);
    expectReconciled(result);
  });

  it('recognises the format of a small .gz followed by bytes that are not gzip', async () => {
    const ws = tempWorkspace();
    const gz = Buffer.concat([gzipSync(accessLog(0, 2)), Buffer.from('garbage!')]);
    const result = await importFile(ws.db, { file: ws.write('access.log.gz', gz) });
    expect(result.record).toMatchObject({ format: 'combined', status: 'done', stored: 2, quarantined: 0 });
    expectReconciled(result);
  });

  it('says records may be damaged when a member fails its checksum (corrupt somewhere before its end)', async () => {
    const ws = tempWorkspace();
    const gz = gzipSync(accessLog(0, 3000));
    // The stored CRC-32 of the uncompressed text, at the trailer's start: the data inflates whole.
    gz[gz.length - 8] = (gz[gz.length - 8] ?? 0) ^ 0xff;
    const result = await importFile(ws.db, { file: ws.write('access.log.gz', gz) });
    expect(result.record).toMatchObject({ status: 'done', rowsRead: 3000, stored: 3000, quarantined: 0 });
    expect(result.record.message).toBe(
      'The compressed file is corrupt (gzip: a part of it does not match its checksum); every record up to there was imported, but some may be damaged.',
    );
    expectReconciled(result);
  });

  it('stores every record of the members before one that is corrupt from its start', async () => {
    const ws = tempWorkspace();
    const broken = gzipSync(accessLog(3000, 100));
    broken[3] = 0xe0; // reserved header flag bits set: zlib refuses the member at once
    const gz = Buffer.concat([gzipSync(accessLog(0, 2000)), gzipSync(accessLog(2000, 1000)), broken]);
    const result = await importFile(ws.db, { file: ws.write('access.log.gz', gz) });
    expect(result.record).toMatchObject({ status: 'done', rowsRead: 3000, stored: 3000, quarantined: 0 });
    expectReconciled(result);
  });
});
