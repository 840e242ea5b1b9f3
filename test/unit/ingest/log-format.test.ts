// Custom access-log formats: an nginx log_format or Apache LogFormat string compiled once, then
// each line read by it. The Combined format string read this way gives the rows the combined
// importer gives, so the two readers cannot drift apart.
import { describe, expect, it } from 'vitest';
import { compileLogFormat } from '../../../src-main/core/ingest/formats/log-format-compile.js';
import type { MappingPreset } from '../../../src-shared/domain.js';
import { fixture } from './fixtures.js';
import { attrsOf, parseText } from './parse-text.js';

const preset = (logFormat: string): MappingPreset => ({ name: 'test', format: 'log-format', logFormat });
const read = (logFormat: string, text: string) =>
  parseText('log-format', text, { preset: preset(logFormat) });

describe('log-format', () => {
  it('reads the Combined format string exactly as the combined importer reads the same lines', () => {
    const text = fixture('web/apache-combined.log');
    const combined = parseText('combined', text);
    for (const format of [
      'combined',
      '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"',
      'LogFormat "%h %l %u %t \\"%r\\" %>s %b \\"%{Referer}i\\" \\"%{User-agent}i\\"" combined',
    ]) {
      const custom = read(format, text);
      expect(custom.bads).toEqual([]);
      expect(custom.rows).toEqual(combined.rows);
    }
  });

  it('reads a custom nginx log_format with the request split into its variables', () => {
    const format = `log_format edge '$remote_addr:$remote_port $host [$time_iso8601] "$request_method $request_uri $server_protocol" '
                   '$status $body_bytes_sent $request_length $request_time "$http_user_agent" "$http_x_forwarded_for" $ssl_protocol/$ssl_cipher $request_id $upstream_addr';`;
    const line =
      '203.0.113.9:51234 shop.example.com [2024-02-12T10:00:00+01:00] "GET /cart?id=7 HTTP/2.0" 200 512 388 0.042 "Mozilla/5.0 \\x22x\\x22" "198.51.100.1" TLSv1.3/TLS_AES_256_GCM_SHA384 5f2b8c9d0e1f 10.0.0.7:8080';
    const { rows, bads } = read(format, `${line}\n`);
    expect(bads).toEqual([]);
    expect(rows[0]).toMatchObject({
      startTs: Date.parse('2024-02-12T09:00:00Z'),
      endTs: Date.parse('2024-02-12T09:00:00.042Z'),
      srcIp: '203.0.113.9',
      srcPort: 51234,
      host: 'shop.example.com',
      method: 'GET',
      path: '/cart',
      query: 'id=7',
      httpVersion: 'HTTP/2.0',
      responseCode: 200,
      bytesOut: 512,
      bytesIn: 388,
      requestTimeMs: 42,
      userAgent: 'Mozilla/5.0 "x"',
      tlsProtocol: 'TLSv1.3',
      tlsCipher: 'TLS_AES_256_GCM_SHA384',
      requestId: '5f2b8c9d0e1f',
    });
    expect(attrsOf(rows[0] ?? ({} as never))).toEqual({
      x_forwarded_for: '198.51.100.1',
      upstream_addr: '10.0.0.7:8080',
    });
  });

  it('reads Apache directives: %D microseconds, a strftime time, %v:%p, %{…}x, %L, %I/%O', () => {
    const format = '%v:%p %a %{%Y-%m-%d %H:%M:%S %z}t "%r" %>s %I %O %D %{SSL_PROTOCOL}x %L "%{User-Agent}i"';
    const line =
      'www.example.com:443 2001:db8::7 2024-02-12 10:00:00 +0000 "POST /login HTTP/1.1" 401 640 220 15230 TLSv1.2 YcS2ZwrA "curl/8.5.0"';
    const { rows, bads } = read(format, `${line}\n`);
    expect(bads).toEqual([]);
    expect(rows[0]).toMatchObject({
      host: 'www.example.com',
      dstPort: 443,
      srcIp: '2001:db8::7',
      startTs: Date.parse('2024-02-12T10:00:00Z'),
      method: 'POST',
      path: '/login',
      responseCode: 401,
      bytesIn: 640,
      bytesOut: 220,
      requestTimeMs: 15.23,
      tlsProtocol: 'TLSv1.2',
      requestId: 'YcS2ZwrA',
      userAgent: 'curl/8.5.0',
    });
  });

  it("reads a time that is not last before a space: Apache's ssl_request_log, nginx's $time_local, a strftime with a space", () => {
    const cases: [string, string][] = [
      [
        '%t %h %{SSL_PROTOCOL}x %{SSL_CIPHER}x "%r" %b',
        '[28/Oct/2023:10:00:05 +0000] 203.0.113.61 TLSv1.3 TLS_AES_256_GCM_SHA384 "GET /index.html HTTP/1.1" 5120',
      ],
      [
        '$time_local $remote_addr "$request" $status $body_bytes_sent',
        '28/Oct/2023:10:00:05 +0000 203.0.113.61 "GET /index.html HTTP/1.1" 200 5120',
      ],
      [
        '%{%Y-%m-%d %H:%M:%S}t %h "%r" %>s %b',
        '2023-10-28 10:00:05 203.0.113.61 "GET /index.html HTTP/1.1" 200 5120',
      ],
      [
        // The line of httpd-ssl.conf, pasted whole.
        // biome-ignore lint/suspicious/noTemplateCurlyInString: an Apache config variable, as written in the file.
        'CustomLog "${SRVROOT}/logs/ssl_request.log" "%t %h %{SSL_PROTOCOL}x %{SSL_CIPHER}x \\"%r\\" %b"',
        '[28/Oct/2023:10:00:05 +0000] 203.0.113.61 TLSv1.3 TLS_AES_256_GCM_SHA384 "GET /index.html HTTP/1.1" 5120',
      ],
    ];
    for (const [format, line] of cases) {
      const { rows, bads } = read(format, `${line}\n`);
      expect(bads, format).toEqual([]);
      expect(rows[0], format).toMatchObject({
        startTs: Date.parse('2023-10-28T10:00:05Z'),
        srcIp: '203.0.113.61',
        method: 'GET',
        path: '/index.html',
      });
    }
  });

  it("joins Apache's time pieces into one time: milliseconds and zone as separate directives", () => {
    const cases: [string, string][] = [
      [
        '[%{%d/%b/%Y %T}t.%{msec_frac}t %{%z}t] %h "%r" %>s %b',
        '[28/Oct/2023 12:00:05.123 +0200] 203.0.113.61',
      ],
      ['%{%Y-%m-%dT%T}t.%{usec_frac}t%{%z}t %h "%r" %>s %b', '2023-10-28T12:00:05.123456+0200 203.0.113.61'],
    ];
    for (const [format, head] of cases) {
      const { rows, bads } = read(format, `${head} "GET / HTTP/1.1" 200 10\n`);
      expect(bads, format).toEqual([]);
      expect(rows[0]?.startTs, format).toBe(Date.parse('2023-10-28T10:00:05.123Z'));
    }
    expect(() => compileLogFormat('%h [%{%z}t] "%r"')).toThrow(/a fraction or zone alone is not a time/);
    expect(() => compileLogFormat('%h %{msec_frac}t "%r"')).toThrow(/a fraction or zone alone is not a time/);
  });

  it('quarantines a line that does not fit the format, saying where', () => {
    const { rows, bads } = read(
      'nginx_combined',
      '1.2.3.4 - - [12/Feb/2024:10:00:00 +0000] "GET / HTTP/1.1" 200\n',
    );
    expect(rows).toEqual([]);
    expect(bads[0]?.reason).toBe('expected a space after $status');
  });

  it('quarantines a line with a quoted field after the last one the format names, never gluing it on', () => {
    // nginx's stock `main` format adds "$http_x_forwarded_for" after the user agent.
    const lines = [
      '203.0.113.5 - - [10/Oct/2024:13:55:36 +0000] "GET /a HTTP/1.1" 200 612 "-" "curl/8.4.0" "-"',
      '203.0.113.6 - - [10/Oct/2024:13:55:37 +0000] "GET /b HTTP/1.1" 200 612 "-" "sqlmap/1.7" "198.51.100.7"',
      '203.0.113.7 - - [10/Oct/2024:13:55:38 +0000] "GET /c HTTP/1.1" 200 612 "-" "Mozilla/5.0 \\"x\\" 1.0"',
    ];
    for (const format of [
      'combined',
      'nginx_combined',
      '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"',
    ]) {
      const { rows, bads } = read(format, `${lines.join('\n')}\n`);
      const agent = format === 'nginx_combined' ? '$http_user_agent' : '%{User-Agent}i';
      expect(bads, format).toEqual([
        { line: 1, raw: lines[0], reason: `expected the end of the line at character 88 (after ${agent})` },
        { line: 2, raw: lines[1], reason: `expected the end of the line at character 88 (after ${agent})` },
      ]);
      // An escaped quote inside the last field still does not end it.
      expect(
        rows.map((row) => row.userAgent),
        format,
      ).toEqual(['Mozilla/5.0 "x" 1.0']);
    }
  });

  it('refuses a format it cannot read, naming what is wrong', () => {
    expect(() => compileLogFormat('')).toThrow('The log format is empty');
    expect(() => compileLogFormat('just text')).toThrow(/names no fields/);
    expect(() => compileLogFormat('$remote_addr$remote_user [$time_local]')).toThrow(
      '$remote_addr and $remote_user have nothing between them in the log format, so a line cannot tell where one ends',
    );
    expect(() => compileLogFormat('%h %l %u "%r"')).toThrow(/has no time/);
    expect(() => compileLogFormat('%t "%r"')).toThrow(/has no client address/);
    expect(() => compileLogFormat('%h %{%Y %j}t')).toThrow(/the time conversion %j is not read/);
    expect(() => compileLogFormat('%h %t %Z')).toThrow('Unknown Apache log format directive %Z');
    expect(compileLogFormat('CustomLog logs/access_log combined').text).toBe(
      compileLogFormat('combined').text,
    );
    expect(() => compileLogFormat('CustomLog logs/access_log mine')).toThrow(/give its LogFormat line/);
  });

  it('fails the import as a whole without a format string', () => {
    expect(() => parseText('log-format', 'x\n')).toThrow(/needs the server's format string/);
  });
});
