// A host as sources log it (a Host header, a virtual host), read as the name alone and its port:
// the one reading every importer uses, so a host filter finds it whatever the source.
import { describe, expect, it } from 'vitest';
import { hostOf, portOf } from '../../../src-main/core/ingest/formats/http-request.js';
import type { MappingPreset } from '../../../src-shared/domain.js';
import { parseText } from './parse-text.js';

describe('hostOf and portOf', () => {
  it.each([
    ['shop.example:8080', 'shop.example', 8080],
    ['shop.example', 'shop.example', null],
    ['[2001:db8::1]:8443', '2001:db8::1', 8443],
    ['[2001:db8::1]', '2001:db8::1', null],
    // A bare IPv6 address: its last group is no port.
    ['2001:db8::1', '2001:db8::1', null],
    ['::1', '::1', null],
    ['203.0.113.5:80', '203.0.113.5', 80],
    // Not a port: the name is still the part before the colon, and no port is made up.
    ['shop.example:', 'shop.example', null],
    ['shop.example:http', 'shop.example', null],
    ['shop.example:99999', 'shop.example', null],
    ['shop.example:000080', 'shop.example', null],
  ])('%s is host %s, port %s', (authority, host, port) => {
    expect(hostOf(authority)).toBe(host);
    expect(portOf(authority)).toBe(port);
  });
});

describe('a Host header in a custom log format', () => {
  const preset = (logFormat: string): MappingPreset => ({ name: 't', format: 'log-format', logFormat });
  it('is stored as the name, its port as the destination port', () => {
    const line = '203.0.113.9 [25/Apr/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 shop.example:8080';
    const { rows, bads } = parseText('log-format', `${line}\n`, {
      preset: preset('%h %t "%r" %>s %{Host}i'),
    });
    expect(bads).toEqual([]);
    expect(rows[0]).toMatchObject({ host: 'shop.example', dstPort: 8080 });
  });
});
