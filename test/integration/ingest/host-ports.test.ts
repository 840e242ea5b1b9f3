// The same requests to `shop.example:8080` (and to an IPv6 literal host with a port) logged by
// different sources: every importer stores the host as the name alone, so one `host:` filter finds
// them all, and the port is kept as the destination port where the session has none.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionPage } from '../../../src-main/core/db/sessions.js';
import { inlineLogFormat } from '../../../src-main/core/ingest/formats/log-format.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { importFile, tempWorkspace } from './harness.js';

const WEB = path.join(import.meta.dirname, '../../fixtures/ingest/web');
const HOSTS = ['shop.example:8080', '[2001:db8::1]:8443', '2001:db8::2', 'Shop.Example'];

const combined = HOSTS.map(
  (host, i) =>
    `${host} 203.0.113.9 - - [25/Apr/2024:00:00:0${i} +0000] "GET /c${i} HTTP/1.1" 200 5 "-" "curl/8.0"`,
);

const zeekJson = HOSTS.map((host, i) =>
  JSON.stringify({
    ts: 1714003200 + i,
    uid: `CzJ${i}`,
    'id.orig_h': '203.0.113.9',
    'id.orig_p': 50000 + i,
    'id.resp_h': '198.51.100.1',
    'id.resp_p': 8080,
    trans_depth: 1,
    method: 'GET',
    host,
    uri: `/j${i}`,
    version: '1.1',
    status_code: 200,
    tags: [],
  }),
);

function zeekTsv(): string {
  const lines = fs.readFileSync(path.join(WEB, 'zeek-http.log'), 'utf8').split('\n');
  const header = lines.filter((line) => line.startsWith('#'));
  const record = (lines.find((line) => !line.startsWith('#')) ?? '').split('\t');
  const records = HOSTS.map((host, i) => {
    const fields = [...record];
    fields[1] = `CzT${i}`;
    fields[8] = host;
    return fields.join('\t');
  });
  return `${header.join('\n')}\n${records.join('\n')}\n`;
}

const waf = HOSTS.map((host, i) =>
  JSON.stringify({
    timestamp: 1714003200000 + i,
    webaclId: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/web/abc',
    terminatingRuleId: 'Default_Action',
    action: 'ALLOW',
    httpRequest: {
      clientIp: '203.0.113.9',
      country: 'BR',
      headers: [{ name: 'Host', value: host }],
      uri: `/w${i}`,
      args: '',
      httpVersion: 'HTTP/1.1',
      httpMethod: 'GET',
      requestId: `w-${i}`,
    },
  }),
);

describe('a host logged with its port', () => {
  it('is stored without it by every importer, the port kept as the destination port', async () => {
    const { db, write } = tempWorkspace();
    const files = {
      combined: write('vhost.log', `${combined.join('\n')}\n`),
      'zeek-json': write('http.json', `${zeekJson.join('\n')}\n`),
      'zeek-tsv': write('http.log', zeekTsv()),
      waf: write('waf.jsonl', `${waf.join('\n')}\n`),
    };
    const hosts: Record<string, (string | null)[]> = {};
    const ports: Record<string, (number | null)[]> = {};
    for (const [source, file] of Object.entries(files)) {
      const { record, sessions } = await importFile(db, { file });
      expect(record.stored, source).toBe(HOSTS.length);
      hosts[source] = sessions.map((s) => s.host);
      ports[source] = sessions.map((s) => s.dstPort);
    }
    const expected = ['shop.example', '2001:db8::1', '2001:db8::2', 'Shop.Example'];
    expect(hosts).toEqual({
      combined: expected,
      'zeek-json': expected,
      'zeek-tsv': expected,
      waf: expected,
    });
    // Zeek has the connection's own port; WAF logs none, so the Host header's is the best there is.
    expect(ports.waf).toEqual([8080, 8443, null, null]);
    expect(ports.combined).toEqual([8080, 8443, null, null]);
    expect(ports['zeek-json']).toEqual([8080, 8080, 8080, 8080]);

    const page = sessionPage(db, {
      filter: { clauses: parseFilterOrThrow('host:shop.example') },
      sort: 'startTs',
      direction: 'asc',
      offset: 0,
      limit: 100,
    });
    // Two per source: `shop.example:8080` and `Shop.Example`, four sources.
    expect(page.items).toHaveLength(8);
  });
});

describe('a virtual host written as a bracketed IPv6 address and port', () => {
  it("is read by a custom format's %v:%p (vhost_combined)", async () => {
    const { db, write } = tempWorkspace();
    const file = write('vhost.log', `${combined[0]}\n${combined[1]}\n`);
    const { record, sessions } = await importFile(db, { file, preset: inlineLogFormat('vhost_combined') });
    expect(record).toMatchObject({ stored: 2, quarantined: 0 });
    expect(sessions.map((s) => [s.host, s.dstPort])).toEqual([
      ['shop.example', 8080],
      ['2001:db8::1', 8443],
    ]);
  });

  it('is recognised as a Combined log when every line starts with one', async () => {
    const { db, write } = tempWorkspace();
    const file = write('vhost6.log', `${combined[1]}\n${combined[1]?.replace('/c1', '/c9')}\n`);
    const { record, sessions } = await importFile(db, { file });
    expect(record).toMatchObject({ format: 'combined', stored: 2, quarantined: 0 });
    expect(sessions[0]).toMatchObject({ host: '2001:db8::1', dstPort: 8443, dstIp: '2001:db8::1' });
  });
});

describe('a Host port other than the connection port', () => {
  it('is kept as the host_port attribute (Zeek behind a proxy)', async () => {
    const { db, write } = tempWorkspace();
    const record = JSON.parse(zeekJson[0] ?? '{}');
    const proxied = JSON.stringify({ ...record, 'id.resp_p': 3128 });
    const { sessions } = await importFile(db, { file: write('proxied.json', `${proxied}\n`) });
    expect(sessions[0]).toMatchObject({ host: 'shop.example', dstPort: 3128 });
    expect(sessions[0]?.attrs).toMatchObject({ host_port: '8080' });
  });
});
