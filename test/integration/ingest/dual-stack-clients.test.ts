// An access log of a dual-stack server: its IPv4 clients written as IPv4-mapped IPv6 addresses.
// Each session keeps the client as the log wrote it, with the country and ASN of its IPv4
// address, as the same log written with plain IPv4 clients gets.
import { describe, expect, it } from 'vitest';
import { importFile, tempWorkspace } from './harness.js';

const line = (client: string, i: number) =>
  `${client} - - [25/Apr/2024:00:00:${String(i).padStart(2, '0')} +0000] "GET /p${i} HTTP/1.1" 200 512 "-" "curl/8.0"`;
const CLIENTS = ['99.249.105.159', '8.8.8.8', '81.2.69.142', '1.1.1.1'];

describe('clients of a dual-stack server', () => {
  it('are stored as written, with the country and ASN of their IPv4 address', async () => {
    const plain = tempWorkspace();
    const mapped = tempWorkspace();
    const asWritten = (ip: string, i: number) => (i % 2 ? `::ffff:${ip}` : `::FFFF:${ip}`);
    const a = await importFile(plain.db, {
      file: plain.write('plain.log', `${CLIENTS.map(line).join('\n')}\n`),
      enrich: true,
    });
    const b = await importFile(mapped.db, {
      file: mapped.write('mapped.log', `${CLIENTS.map((ip, i) => line(asWritten(ip, i), i)).join('\n')}\n`),
      enrich: true,
    });
    expect(b.sessions.map((s) => s.srcIp)).toEqual(CLIENTS.map(asWritten));
    const geo = (sessions: typeof a.sessions) => sessions.map(({ country, asn }) => ({ country, asn }));
    expect(geo(b.sessions)).toEqual(geo(a.sessions));
    expect(a.sessions.every((s) => s.country !== null && s.asn !== null)).toBe(true);
  });

  it('IPv6 clients get their country and ASN too', async () => {
    const { db, write } = tempWorkspace();
    const clients = ['2001:4860:4860::8888', '2a03:2880:f12f:83:face:b00c:0:25de', '2001:db8::1'];
    const { sessions } = await importFile(db, {
      file: write('v6.log', `${clients.map(line).join('\n')}\n`),
      enrich: true,
    });
    expect(sessions.map(({ srcIp, country, asn }) => ({ srcIp, country, asn }))).toEqual([
      { srcIp: '2001:4860:4860::8888', country: 'US', asn: 15169 },
      { srcIp: '2a03:2880:f12f:83:face:b00c:0:25de', country: 'IE', asn: 32934 },
      // The documentation prefix belongs to no one (the country table says Japan).
      { srcIp: '2001:db8::1', country: null, asn: null },
    ]);
  });
});
