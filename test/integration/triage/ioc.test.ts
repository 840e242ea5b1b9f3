// IOC lists: parsing (bad lines reported by number), retroactive marking of stored sessions,
// marking of later imports, and unmarking when a list is removed.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listIocLists } from '../../../src-main/core/db/ioc.js';
import { exportToFile } from '../../../src-main/core/reports/export-file.js';
import { importIocList, removeIocList } from '../../../src-main/core/triage/ioc-lists.js';
import { parseIocText } from '../../../src-main/core/triage/ioc-parse.js';
import { flagQueue } from '../../../src-main/core/triage/queue.js';
import { addScoredRun, cloudwatchLine, importLines, workspace } from './harness.js';

const marked = (ws: ReturnType<typeof workspace>, kind: 'known_bad' | 'known_good') =>
  ws.db
    .prepare(
      `SELECT DISTINCT s.src_ip FROM sessions s JOIN ioc_marks m ON m.ip IN (s.src_ip, s.dst_ip)
         JOIN ioc_lists l ON l.id = m.list_id WHERE l.kind = ? ORDER BY s.src_ip`,
    )
    .pluck()
    .all(kind) as string[];

describe('IOC lists', () => {
  it('read one address or CIDR per line, or CSV, and report bad lines with their numbers', () => {
    const { entries, bad } = parseIocText(
      [
        'ip,comment', // header: skipped silently
        '203.0.113.0/24,scanner net',
        '# a comment',
        '',
        '"198.51.100.7",c2',
        '2001:db8::/32',
        '999.1.1.1',
        '10.0.0.0/40',
        'hello,world',
        '::ffff:192.0.2.1',
      ].join('\r\n'),
    );
    expect(entries.map((e) => [e.line, e.text, e.family])).toEqual([
      [2, '203.0.113.0/24', 4],
      [5, '198.51.100.7', 4],
      [6, '2001:db8::/32', 6],
      [10, '::ffff:192.0.2.1', 6],
    ]);
    expect(entries[0]).toMatchObject({ lo: 0xcb007100, hi: 0xcb0071ff });
    expect(bad.map((b) => [b.line, b.reason])).toEqual([
      [7, '"999.1.1.1": not an IPv4 or IPv6 address'],
      [8, '"10.0.0.0/40": prefix length must be 0 to 32'],
      [9, '"hello": not an IPv4 or IPv6 address'],
    ]);
  });

  it('mark stored sessions at once, mark later imports, and unmark when removed', async () => {
    const ws = workspace();
    await importLines(ws, [
      cloudwatchLine({ srcIp: '203.0.113.9' }),
      cloudwatchLine({ srcIp: '203.0.113.200', start: '2024-04-25T23:05:00Z' }),
      cloudwatchLine({ srcIp: '198.51.100.7' }),
      cloudwatchLine({ srcIp: '192.0.2.50' }),
    ]);
    expect(marked(ws, 'known_bad')).toEqual([]);
    const result = importIocList(ws.db, 'ana', {
      name: 'scanners',
      kind: 'known_bad',
      text: '203.0.113.0/24\nnot an ip\n',
    });
    expect(result.bad).toEqual([
      { line: 2, text: 'not an ip', reason: '"not an ip": not an IPv4 or IPv6 address' },
    ]);
    expect(result.list).toMatchObject({ entries: 1, matchedIps: 2 });
    expect(marked(ws, 'known_bad')).toEqual(['203.0.113.200', '203.0.113.9']);

    importIocList(ws.db, 'ana', { name: 'partners', kind: 'known_good', text: '192.0.2.50\n' });
    expect(marked(ws, 'known_good')).toEqual(['192.0.2.50']);

    // A later import: its sessions from a listed block are marked when the import finishes.
    await importLines(ws, [cloudwatchLine({ srcIp: '203.0.113.77', start: '2024-04-27T00:00:00Z' })]);
    expect(marked(ws, 'known_bad')).toEqual(['203.0.113.200', '203.0.113.77', '203.0.113.9']);

    removeIocList(ws.db, 'ana', 'scanners');
    expect(marked(ws, 'known_bad')).toEqual([]);
    expect(marked(ws, 'known_good')).toEqual(['192.0.2.50']);
    expect(listIocLists(ws.db).map((l) => l.name)).toEqual(['partners']);
    expect(() => removeIocList(ws.db, 'ana', 'scanners')).toThrow(/No IOC list "scanners"/);
  });

  it('show in the flag queue and filter it and the exports', async () => {
    const ws = workspace();
    const ids = await importLines(ws, [
      cloudwatchLine({ srcIp: '203.0.113.9' }),
      cloudwatchLine({ srcIp: '192.0.2.50' }),
    ]);
    addScoredRun(ws.db, 'iforest', [
      [ids[0]!, 0.9],
      [ids[1]!, 0.8],
    ]);
    importIocList(ws.db, 'ana', { name: 'bad', kind: 'known_bad', text: '203.0.113.9' });
    const page = flagQueue(ws.db, { filter: {}, groupBySrcIp: false, offset: 0, limit: 10 });
    expect(page.items.map((i) => i.ioc)).toEqual([[{ list: 'bad', kind: 'known_bad' }], []]);
    const onlyBad = flagQueue(ws.db, {
      filter: { ioc: 'known_bad' },
      groupBySrcIp: false,
      offset: 0,
      limit: 10,
    });
    expect(onlyBad.items.map((i) => i.session.srcIp)).toEqual(['203.0.113.9']);
    const out = path.join(ws.dir, 'bad.json');
    await exportToFile(ws.db, { format: 'json', filter: { ioc: 'known_bad' }, path: out });
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).map((s: { srcIp: string }) => s.srcIp)).toEqual([
      '203.0.113.9',
    ]);
  });

  it('mark an address in every text form: an IPv4 entry or block its IPv4-mapped form, an IPv6 one any spelling', async () => {
    const ws = workspace();
    // A dual-stack server writes an IPv4 client as ::ffff:a.b.c.d; IPv6 logs vary case and zeros.
    await importLines(ws, [
      cloudwatchLine({ srcIp: '::ffff:198.51.100.9' }),
      cloudwatchLine({ srcIp: '198.51.100.9' }),
      cloudwatchLine({ srcIp: '::FFFF:203.0.113.5' }),
      cloudwatchLine({ srcIp: '2001:DB8::3' }),
      cloudwatchLine({ srcIp: '2001:0db8:0:0:0:0:0:3' }),
      cloudwatchLine({ srcIp: '::ffff:192.0.2.50' }),
      cloudwatchLine({ srcIp: '192.0.2.50' }),
    ]);
    const block = importIocList(ws.db, 'ana', { name: 'blk', kind: 'known_bad', text: '198.51.100.0/24\n' });
    expect(block.list.matchedIps).toBe(2);
    importIocList(ws.db, 'ana', { name: 'one', kind: 'known_bad', text: '203.0.113.5\n2001:db8::3\n' });
    // An IPv4-mapped entry is that IPv4 address, written either way.
    importIocList(ws.db, 'ana', { name: 'partners', kind: 'known_good', text: '::ffff:192.0.2.50\n' });
    expect(marked(ws, 'known_bad')).toEqual([
      '198.51.100.9',
      '2001:0db8:0:0:0:0:0:3',
      '2001:DB8::3',
      '::FFFF:203.0.113.5',
      '::ffff:198.51.100.9',
    ]);
    expect(marked(ws, 'known_good')).toEqual(['192.0.2.50', '::ffff:192.0.2.50']);
    // A list added before the import marks it too.
    const later = workspace();
    importIocList(later.db, 'ana', { name: 'blk', kind: 'known_bad', text: '198.51.100.9\n' });
    await importLines(later, [cloudwatchLine({ srcIp: '::ffff:198.51.100.9' })]);
    expect(marked(later, 'known_bad')).toEqual(['::ffff:198.51.100.9']);
  });
});
