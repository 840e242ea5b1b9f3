// The access-log importers on fixtures written from each format's public documentation: the exact
// session of the records that show each field, the awkward lines real logs hold, and detection of
// every format (and of the older ones) from a file's first lines.
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src-main/core/ingest/formats/index.js';
import { fixture } from './fixtures.js';
import { attrsOf, parseText } from './parse-text.js';

const web = (name: string) => fixture(`web/${name}`);

describe('combined: Apache and nginx access logs', () => {
  it('reads the Apache documentation example with every field', () => {
    const { rows, bads } = parseText('combined', web('apache-combined.log'));
    expect(bads).toEqual([]);
    expect(rows[0]).toEqual({
      startTs: Date.UTC(2000, 9, 10, 20, 55, 36),
      endTs: Date.UTC(2000, 9, 10, 20, 55, 36),
      srcIp: '127.0.0.1',
      dstIp: null,
      srcPort: null,
      dstPort: null,
      protocol: null,
      bytesIn: null,
      bytesOut: 2326,
      packets: null,
      responseCode: 200,
      country: null,
      asn: null,
      ruleName: null,
      detectionType: null,
      action: null,
      label: null,
      method: 'GET',
      host: null,
      path: '/apache_pb.gif',
      query: null,
      httpVersion: 'HTTP/1.0',
      userAgent: 'Mozilla/4.08 [en] (Win98; I ;Nav)',
      referrer: 'http://www.example.com/start.html',
      requestTimeMs: null,
      tlsProtocol: null,
      tlsCipher: null,
      requestId: null,
      requestLine: null,
      attrs: '{"user":"frank"}',
      line: 1,
    });
  });

  it('stores the awkward lines real logs hold, keeping the raw request where it is not one', () => {
    const { rows, bads } = parseText('combined', web('apache-combined.log'));
    expect(bads).toEqual([]);
    const byLine = new Map(rows.map((row) => [row.line, row]));
    expect(byLine.get(2)).toMatchObject({ path: '/search', query: 'q=vigil&page=2', referrer: null });
    expect(byLine.get(3)).toMatchObject({ srcIp: '2001:db8::1', method: 'POST', httpVersion: 'HTTP/2.0' });
    // Apache's \" escapes read back as quotes, in the request and the user agent.
    expect(byLine.get(4)).toMatchObject({ query: 'name="x"', userAgent: 'Mozilla/5.0 "evil" agent' });
    // A TLS handshake on a plain-HTTP port: a session, its raw request kept as logged.
    expect(byLine.get(5)).toMatchObject({
      method: null,
      path: null,
      responseCode: 400,
      requestLine: '\\x16\\x03\\x01\\x00\\xf1\\x01\\x00\\x00\\xed\\x03\\x03',
    });
    // `-`: no request arrived; `-` bytes is none sent.
    expect(byLine.get(6)).toMatchObject({ method: null, requestLine: null, responseCode: 408, bytesOut: 0 });
    expect(byLine.get(7)).toMatchObject({ host: 'example.org', path: '/index.html', query: 'a=1' });
    expect(byLine.get(8)).toMatchObject({ method: 'CONNECT', host: 'example.org', path: null });
    expect(byLine.get(9)).toMatchObject({ path: '/../../etc/passwd', userAgent: 'Nikto/2.5.0' });
    expect(byLine.get(10)).toMatchObject({ path: '/a b.html', requestLine: 'GET /a b.html HTTP/1.1' });
    expect(byLine.get(11)).toMatchObject({
      path: '/',
      httpVersion: null,
      requestLine: 'GET /',
      userAgent: null,
    });
  });

  it('reads Common lines, and a virtual host with its port before the client', () => {
    const common = parseText('combined', web('apache-common.log')).rows;
    expect(common.map((r) => [r.method, r.path, r.bytesOut, r.userAgent])).toEqual([
      ['GET', '/apache_pb.gif', 2326, null],
      ['HEAD', '/index.html', 0, null],
      ['OPTIONS', '*', 0, null],
    ]);
    expect(common[2]?.startTs).toBe(Date.UTC(2000, 9, 10, 13, 55, 38));
    const vhost = parseText('combined', web('apache-vhost-combined.log')).rows;
    expect(vhost.map((r) => [r.host, r.dstPort, r.dstIp, r.srcIp])).toEqual([
      ['www.example.com', 443, null, '203.0.113.9'],
      ['shop.example.com', 80, null, '203.0.113.10'],
      ['10.0.0.5', 8080, '10.0.0.5', '203.0.113.11'],
    ]);
    expect(vhost[1]).toMatchObject({ query: 'id=1%27%20OR%201=1--', responseCode: 500 });
  });

  it('reads what nginx appends: request time, key=value pairs, X-Forwarded-For, \\xHH escapes', () => {
    const { rows, bads } = parseText('combined', web('nginx-timed.log'));
    expect(bads).toEqual([]);
    expect(rows[0]).toMatchObject({ requestTimeMs: 12, endTs: (rows[0]?.startTs ?? 0) + 12 });
    // \x22 is a quote; bytes over 126 stay escaped as nginx wrote them.
    expect(rows[1]).toMatchObject({
      path: '/caf\\xC3\\xA9',
      query: 'x="y"',
      userAgent: 'Mozilla/5.0 "quoted"',
    });
    expect(rows[2]).toMatchObject({ requestTimeMs: 250, responseCode: 401 });
    expect(attrsOf(rows[2] ?? ({} as never))).toEqual({
      user: 'alice',
      x_forwarded_for: '198.51.100.77, 10.0.0.1',
      uct: '0.000',
      uht: '0.248',
      urt: '0.249',
    });
  });

  it('keeps a key="value" field whose value holds spaces whole (an upstream time per server tried)', () => {
    const line =
      '198.51.100.7 - - [12/Feb/2024:10:00:00 +0000] "GET /a HTTP/1.1" 502 0 "-" "Mozilla/5.0" rt=1.002 urt="0.001 : 1.000" upstream="10.0.0.1:80, 10.0.0.2:80"';
    // X-Forwarded-For is addresses (with `unknown` for a hop a proxy could not name), not times.
    const times =
      '198.51.100.7 - - [12/Feb/2024:10:00:01 +0000] "GET /b HTTP/1.1" 200 5 "-" "Mozilla/5.0" 0.500 "0.100, 0.400"';
    const hops =
      '198.51.100.7 - - [12/Feb/2024:10:00:02 +0000] "GET /c HTTP/1.1" 200 5 "-" "Mozilla/5.0" "unknown, 10.0.0.1"';
    const { rows, bads } = parseText('combined', `${[line, times, hops].join('\n')}\n`);
    expect(bads).toEqual([]);
    expect(rows[0]).toMatchObject({ requestTimeMs: 1002 });
    expect(attrsOf(rows[0] ?? ({} as never))).toEqual({
      urt: '0.001 : 1.000',
      upstream: '10.0.0.1:80, 10.0.0.2:80',
    });
    expect(attrsOf(rows[1] ?? ({} as never))).toEqual({ extra2: '0.100, 0.400' });
    expect(attrsOf(rows[2] ?? ({} as never))).toEqual({ x_forwarded_for: 'unknown, 10.0.0.1' });
  });

  it('keeps a request answered with no status, written 0 or 000, as status 0', () => {
    const text = [
      '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /gone HTTP/1.1" 0 0 "-" "curl/8.0"',
      '1.2.3.5 - - [10/Oct/2000:13:55:37 -0700] "GET /gone HTTP/1.1" 000 0 "-" "curl/8.0"',
      '1.2.3.6 - - [10/Oct/2000:13:55:38 -0700] "GET /gone HTTP/1.1" 00 0 "-" "curl/8.0"',
    ].join('\n');
    const { rows, bads } = parseText('combined', `${text}\n`);
    expect(rows.map((row) => [row.srcIp, row.responseCode])).toEqual([
      ['1.2.3.4', 0],
      ['1.2.3.5', 0],
    ]);
    expect(bads.map((b) => b.reason)).toEqual(['status: not a status code: 00']);
  });

  it('quarantines what is not a log line, with the reason', () => {
    const text = [
      'AH00558: apache2: Could not reliably determine the server name',
      'not-an-ip - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "-"',
      '1.2.3.4 - - [31/Feb/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "-"',
      '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 2000 1 "-" "-"',
      '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "unclosed',
    ].join('\n');
    const { rows, bads } = parseText('combined', `${text}\n`);
    expect(rows).toEqual([]);
    expect(bads.map((b) => b.reason)).toEqual([
      expect.stringMatching(/^not a Common\/Combined Log Format line/),
      'client: not an IP address: not-an-ip',
      'time: not a [day/Mon/year:hh:mm:ss zone] time: 31/Feb/2000:13:55:36 -0700',
      'status: not a status code: 2000',
      expect.stringMatching(/^unterminated quoted field/),
    ]);
  });
});

describe('alb: Application Load Balancer access logs', () => {
  const { rows, bads } = parseText('alb', web('alb.log'));

  it('reads every documented field of the documentation examples', () => {
    expect(bads).toEqual([]);
    expect(rows[1]).toMatchObject({
      startTs: Date.parse('2018-07-02T22:22:48.364Z'),
      endTs: Date.parse('2018-07-02T22:23:00.187Z'),
      protocol: 'https',
      srcIp: '192.168.131.39',
      srcPort: 2817,
      dstIp: '10.0.0.1',
      dstPort: 80,
      requestTimeMs: 171,
      responseCode: 200,
      bytesIn: 0,
      bytesOut: 57,
      method: 'GET',
      host: 'www.example.com',
      path: '/',
      httpVersion: 'HTTP/1.1',
      userAgent: 'curl/7.46.0',
      tlsCipher: 'ECDHE-RSA-AES128-GCM-SHA256',
      tlsProtocol: 'TLSv1.2',
      requestId: 'Root=1-58337281-1d84f3d73c47ec4e58577259',
      action: 'authenticate,forward',
    });
    expect(attrsOf(rows[1] ?? ({} as never))).toEqual({
      elb: 'app/my-loadbalancer/50dc6c495c0c9188',
      request_processing_time: '0.086',
      target_processing_time: '0.048',
      response_processing_time: '0.037',
      target_status_code: '200',
      target_group_arn:
        'arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067',
      domain_name: 'www.example.com',
      chosen_cert_arn: 'arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012',
      matched_rule_priority: '1',
      'target:port_list': '10.0.0.1:80',
      target_status_code_list: '200',
      conn_trace_id: 'TID_1234abcd5678ef90',
    });
  });

  it('keeps requests ALB could not parse or forward, IPv6 clients, and fields newer than the list', () => {
    expect(rows[2]).toMatchObject({ protocol: 'h2', host: '10.0.2.105', query: 'q=%27%20or%201%3D1' });
    expect(rows[3]).toMatchObject({
      method: null,
      path: null,
      query: null,
      requestLine: '- http://www.example.com:80- -',
      dstIp: null,
      requestTimeMs: null,
      responseCode: 400,
    });
    expect(attrsOf(rows[3] ?? ({} as never))).toMatchObject({
      classification: 'Severe',
      classification_reason: 'NonCompliantHeader',
    });
    expect(rows[4]).toMatchObject({
      srcIp: '2001:db8:85a3::8a2e:370:7334',
      srcPort: 52111,
      action: 'waf',
      tlsProtocol: 'TLSv1.3',
    });
    expect(attrsOf(rows[4] ?? ({} as never))).toMatchObject({ error_reason: 'LambdaInvalidResponse' });
    expect(attrsOf(rows[5] ?? ({} as never))).toMatchObject({
      transformed_host: 'internal.example.com',
      transformed_uri: '/items',
      request_transform_status: 'TransformSuccess',
      field34: 'future-field',
    });
  });
});

describe('cloudfront: standard logs', () => {
  const { rows, bads } = parseText('cloudfront', web('cloudfront.log'));

  it('reads the fields by the #Fields header, URL-decoding what CloudFront encodes once', () => {
    expect(bads).toEqual([]);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      startTs: Date.parse('2019-12-04T21:02:30.999Z'),
      endTs: Date.parse('2019-12-04T21:02:31Z'),
      srcIp: '192.0.2.100',
      srcPort: 11040,
      method: 'GET',
      host: 'd111111abcdef8.cloudfront.net',
      path: '/index.html',
      responseCode: 200,
      bytesIn: 23,
      bytesOut: 392,
      protocol: 'https',
      httpVersion: 'HTTP/2.0',
      tlsProtocol: 'TLSv1.2',
      requestTimeMs: 1,
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/78.0.3904.108 Safari/537.36',
      requestId: 'SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==',
      eventId: 'SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==',
      line: 3,
    });
    expect(rows[3]).toMatchObject({
      srcIp: '2001:db8::2:1',
      host: 'shop.example.com',
      query: 'id=1%20UNION%20SELECT%20password',
      userAgent: 'sqlmap/1.8%23stable',
    });
    expect(attrsOf(rows[2] ?? ({} as never))).toMatchObject({
      'x-edge-location': 'SEA19-C1',
      'x-edge-detailed-result-type': 'OriginDnsError',
    });
  });

  // CloudFront URL-encodes x-forwarded-for (its `, ` separators read `,%20` or `%2C%20`) and
  // sc-content-type (`text/html;%20charset=utf-8`) like the request's texts. c-ip stays the
  // connecting address; the forwarded list is an attribute, decoded, as the combined importer keeps it.
  it('decodes x-forwarded-for and sc-content-type, keeping c-ip as the connecting address', () => {
    const header = web('cloudfront.log').split('\n').slice(0, 2).join('\n');
    const record = web('cloudfront.log').split('\n')[2]?.split('\t') ?? [];
    const line = (xff: string) => {
      const t = [...record];
      t[19] = xff;
      t[29] = 'text/html;%20charset=utf-8';
      return t.join('\t');
    };
    const text = `${header}\n${line('203.0.113.7,%20198.51.100.9')}\n${line('203.0.113.8%2C%20198.51.100.9')}\n${line('-')}\n`;
    const parsed = parseText('cloudfront', text);
    expect(parsed.bads).toEqual([]);
    expect(parsed.rows.map((r) => r.srcIp)).toEqual(['192.0.2.100', '192.0.2.100', '192.0.2.100']);
    expect(parsed.rows.map((r) => attrsOf(r)?.['x-forwarded-for'])).toEqual([
      '203.0.113.7, 198.51.100.9',
      '203.0.113.8, 198.51.100.9',
      undefined,
    ]);
    expect(attrsOf(parsed.rows[0] ?? ({} as never))?.['sc-content-type']).toBe('text/html; charset=utf-8');
  });

  // A header sent with a NUL byte (a scanner's probe) is logged `%00`, and the bytes of U+FFFD
  // `%EF%BF%BD`: decoding them made a NUL or a "decoding error" the record checks refuse, so the
  // request was quarantined, where an Apache log of it (`\x00`) is stored. The log holds neither.
  it('keeps a text as logged when decoding it would make a NUL or U+FFFD', () => {
    const [version, fields, first] = web('cloudfront.log').split('\n');
    const record = (first ?? '').split('\t');
    const line = (ua: string, referrer: string) => {
      const t = [...record];
      t[9] = referrer;
      t[10] = ua;
      return t.join('\t');
    };
    const text = `${version}\n${fields}\n${line('%00evil', 'http://a/%EF%BF%BD')}\n${line('x%2500y', '-')}\n`;
    const parsed = parseText('cloudfront', text);
    expect(parsed.bads).toEqual([]);
    expect(parsed.rows.map((r) => [r.userAgent, r.referrer])).toEqual([
      ['%00evil', 'http://a/%EF%BF%BD'],
      ['x%00y', null],
    ]);
  });
});

describe('zeek-http and zeek-conn', () => {
  it('reads http.log the same from its TSV and its JSON form', () => {
    const tsv = parseText('zeek-http', web('zeek-http.log'));
    const json = parseText('zeek-http', web('zeek-http.json'));
    expect(tsv.bads).toEqual([]);
    expect(json.bads).toEqual([]);
    const withoutLine = (rows: typeof tsv.rows) => rows.map(({ line: _, ...row }) => row);
    expect(withoutLine(tsv.rows)).toEqual(withoutLine(json.rows));
    expect(tsv.rows[2]).toMatchObject({
      startTs: 1320279567181,
      srcIp: '192.168.2.76',
      srcPort: 52030,
      dstIp: '72.21.211.173',
      dstPort: 80,
      method: 'GET',
      host: 'e.thumbs.redditmedia.com',
      path: '/index.php',
      query: 'page=../../../../etc/passwd',
      referrer: 'http://www.reddit.com/',
      httpVersion: 'HTTP/1.1',
      responseCode: 200,
      bytesIn: 0,
      bytesOut: 2300,
      requestId: 'CJxSUgkInyKSHiju1',
      eventId: 'CJxSUgkInyKSHiju1#2',
      line: 11,
    });
    // A tab Zeek escaped in the TSV form is a tab, as the JSON form has it.
    expect(tsv.rows[3]?.path).toBe('/upload\tname');
  });

  // A NUL byte sent in a header or URI (a scanner's probe) is written `\x00` by both of Zeek's
  // writers (the JSON one as the text `\x00` too). Undoing the TSV escape made a NUL the record
  // checks refuse, so the request was quarantined ("user_agent: contains a NUL byte").
  it('keeps a NUL byte as Zeek logs it, `\\x00`, the same from the TSV and the JSON form', () => {
    const lines = web('zeek-http.log').split('\n');
    const header = lines.filter((line) => line.startsWith('#') && !line.startsWith('#close'));
    const tsvRecord = (lines.find((line) => !line.startsWith('#')) ?? '').split('\t');
    tsvRecord[9] = '/a\\x00b';
    tsvRecord[12] = 'Mozilla/5.0\\x00probe';
    const tsv = parseText('zeek-http', `${header.join('\n')}\n${tsvRecord.join('\t')}\n`);
    const record = JSON.parse(web('zeek-http.json').split('\n')[0] ?? '');
    // As Zeek's JSON writer writes it, and a NUL proper (`\u0000`) as another JSON writer might.
    const escaped = JSON.stringify({ ...record, uri: '/a\\x00b', user_agent: 'Mozilla/5.0\\x00probe' });
    const nul = JSON.stringify({ ...record, uri: '/a\0b', user_agent: 'Mozilla/5.0\0probe' });
    const json = parseText('zeek-http', `${escaped}\n${nul}\n`);
    expect(tsv.bads).toEqual([]);
    expect(json.bads).toEqual([]);
    const stored = (rows: typeof tsv.rows) => rows.map(({ line: _, ...row }) => row);
    expect(stored(tsv.rows)).toHaveLength(1);
    expect(stored(json.rows)).toEqual([...stored(tsv.rows), ...stored(tsv.rows)]);
    expect(tsv.rows[0]).toMatchObject({ path: '/a\\x00b', userAgent: 'Mozilla/5.0\\x00probe' });
  });

  it('reads conn.log with duration, both byte directions and packets', () => {
    const { rows, bads } = parseText('zeek-conn', web('zeek-conn.log'));
    expect(bads).toEqual([]);
    expect(rows[1]).toMatchObject({
      startTs: 1591367999430,
      endTs: 1591367999685,
      protocol: 'tcp',
      bytesIn: 77,
      bytesOut: 295,
      packets: 10,
      requestId: 'C5bLoe2Mvxqhawzqqd',
    });
    expect(attrsOf(rows[1] ?? ({} as never))).toMatchObject({
      service: 'http',
      conn_state: 'SF',
      history: 'ShADadFf',
    });
    expect(rows[2]).toMatchObject({ srcIp: 'fe80::1', endTs: rows[2]?.startTs, bytesIn: null });
    // The JSON form (the fixture the mapped-jsonl preset test uses) gives the same sessions.
    const json = parseText('zeek-conn', fixture('zeek-conn.jsonl'));
    expect(json.rows.map(({ line: _, attrs: __, ...r }) => r)).toEqual(
      rows.slice(0, 2).map(({ line: _, attrs: __, ...r }) => r),
    );
  });

  it('reads conn.log the same from its TSV and its JSON form, booleans included', () => {
    const tsv = parseText('zeek-conn', web('zeek-conn.log'));
    // Zeek's JSON writer writes a bool as true/false where the TSV writer writes T/F; in field
    // order, after conn_state, as the TSV form has them.
    const flags = [
      { local_orig: true, local_resp: true },
      { local_orig: true, local_resp: false },
    ];
    const withFlags = (line: string, i: number) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(JSON.parse(line) as Record<string, unknown>).flatMap((entry) =>
            entry[0] === 'conn_state' ? [entry, ...Object.entries(flags[i] ?? {})] : [entry],
          ),
        ),
      );
    const lines = fixture('zeek-conn.jsonl').trimEnd().split('\n');
    const json = parseText('zeek-conn', `${lines.map(withFlags).join('\n')}\n`);
    expect(json.bads).toEqual([]);
    expect(json.rows.map(({ line: _, ...row }) => row)).toEqual(
      tsv.rows.slice(0, 2).map(({ line: _, ...row }) => row),
    );
    expect(attrsOf(json.rows[1] ?? ({} as never))).toMatchObject({ local_orig: 'T', local_resp: 'F' });
  });

  it('refuses a Zeek log of another kind as a whole', () => {
    expect(() => parseText('zeek-http', web('zeek-conn.log'))).toThrow(
      /This is a Zeek conn.log \(its #path on line 5\); the zeek-http format reads http.log/,
    );
  });

  // The JSON form has no #path line; json-streaming-logs (and Corelight, Security Onion) name the
  // log in each record's `_path`, which is refused the same way (a concatenation of logs, say).
  it('refuses a JSON record whose _path names another log as a whole', () => {
    const conn = fixture('zeek-conn.jsonl').split('\n')[0] ?? '';
    const http = web('zeek-http.json').split('\n')[0] ?? '';
    const streamed = (line: string, path: string) => `{"_path":"${path}","_write_ts":"x",${line.slice(1)}`;
    expect(parseText('zeek-conn', streamed(conn, 'conn')).rows).toHaveLength(1);
    expect(() => parseText('zeek-conn', `${streamed(conn, 'conn')}\n${streamed(http, 'http')}\n`)).toThrow(
      /This is a Zeek http.log \(the _path of line 2\); the zeek-conn format reads conn.log/,
    );
    expect(detectFormat(streamed(conn, 'conn'), 'conn.json').id).toBe('zeek-conn');
    expect(() => detectFormat(streamed(conn, 'dns'), 'x.json')).toThrow(/Could not recognise/);
  });

  it('refuses a JSON record whose _path names another log in an http.log as a whole', () => {
    const http = web('zeek-http.json').split('\n')[0] ?? '';
    const sip = web('zeek-sip.json').split('\n')[0] ?? '';
    const streamed = (line: string, path: string) => `{"_path":"${path}",${line.slice(1)}`;
    expect(parseText('zeek-http', streamed(http, 'http')).rows).toHaveLength(1);
    expect(() => parseText('zeek-http', `${streamed(http, 'http')}\n${streamed(sip, 'sip')}\n`)).toThrow(
      /This is a Zeek sip.log \(the _path of line 2\); the zeek-http format reads http.log/,
    );
    expect(detectFormat(streamed(http, 'http'), 'http.json').id).toBe('zeek-http');
  });
});

describe('suricata-eve', () => {
  const { rows, bads } = parseText('suricata-eve', web('suricata-eve.json'));

  it('reads http, alert and flow events; an alert carries its signature as a rule hit', () => {
    expect(rows.map((r) => attrsOf(r)?.event_type)).toEqual(['http', 'alert', 'flow', 'dns']);
    expect(rows[0]).toMatchObject({
      startTs: Date.parse('2024-02-12T10:00:00.123Z'),
      srcIp: '203.0.113.30',
      dstPort: 80,
      host: 'www.example.com',
      path: '/index.php',
      query: 'id=1%27%20or%20%271%27=%271',
      userAgent: 'sqlmap/1.8',
      responseCode: 200,
      bytesOut: 4521,
    });
    expect(rows[1]).toMatchObject({
      ruleName: 'ET WEB_SERVER Possible SQL Injection Attempt SELECT FROM',
      detectionType: 'Web Application Attack',
      action: 'allowed',
      path: '/index.php',
      sourceRuleHit: {
        engine: 'suricata',
        ruleId: '1:2006445:14',
        title: 'ET WEB_SERVER Possible SQL Injection Attempt SELECT FROM',
        level: 'high',
        matchedField: 'path',
        matchedValue: '/index.php',
      },
    });
    expect(attrsOf(rows[1] ?? ({} as never))).toMatchObject({
      'alert.signature_id': '2006445',
      'alert.severity': '1',
    });
    expect(rows[2]).toMatchObject({
      startTs: Date.parse('2024-02-12T09:59:59.900Z'),
      endTs: Date.parse('2024-02-12T10:00:00.300Z'),
      bytesIn: 812,
      bytesOut: 5120,
      packets: 11,
    });
  });

  it("keeps the client as source for an alert on the server's answer (direction to_client)", () => {
    const alert = (extra: string) =>
      `{"timestamp":"2023-10-24T08:00:03.000000+0000","flow_id":2004,"event_type":"alert","src_ip":"10.0.0.10","src_port":80,"dest_ip":"198.51.100.66","dest_port":51515,"proto":"TCP",${extra}"alert":{"signature_id":2100498,"rev":7,"signature":"GPL ATTACK_RESPONSE id check returned root","severity":2},"http":{"url":"/cgi-bin/x.cgi?c=id"}}`;
    const { rows: alerts, bads: none } = parseText(
      'suricata-eve',
      [
        // Suricata 7: the flow's own ends, client first.
        alert(
          '"direction":"to_client","flow":{"pkts_toserver":4,"src_ip":"198.51.100.66","dest_ip":"10.0.0.10","src_port":51515,"dest_port":80},',
        ),
        // Older: only the direction says the packet went to the client.
        alert('"direction":"to_client",'),
      ].join('\n'),
    );
    expect(none).toEqual([]);
    for (const row of alerts)
      expect(row).toMatchObject({ srcIp: '198.51.100.66', srcPort: 51515, dstIp: '10.0.0.10', dstPort: 80 });
    expect(attrsOf(alerts[1] ?? ({} as never))).toMatchObject({ direction: 'to_client' });
  });

  it('quarantines an event that is not traffic, saying so', () => {
    expect(bads).toEqual([
      expect.objectContaining({
        line: 5,
        reason: 'event_type stats: not a network event (no src_ip), so not a session',
      }),
    ]);
  });
});

describe('detection', () => {
  it.each([
    ['apache-combined.log', 'combined'],
    ['apache-common.log', 'combined'],
    ['apache-vhost-combined.log', 'combined'],
    ['nginx-timed.log', 'combined'],
    ['alb.log', 'alb'],
    ['cloudfront.log', 'cloudfront'],
    ['zeek-http.log', 'zeek-http'],
    ['zeek-http.json', 'zeek-http'],
    ['zeek-conn.log', 'zeek-conn'],
    // A request Zeek saw no answer to: of the fields only http.log has, just `tags` (always logged).
    ['zeek-http-request-only.json', 'zeek-http'],
    ['suricata-eve.json', 'suricata-eve'],
  ])('recognises %s as %s from its first lines', (name, id) => {
    expect(detectFormat(web(name), name).id).toBe(id);
  });

  it.each([
    ['cloudwatch.csv', 'cloudwatch-csv'],
    ['vpc-flow-default.log', 'vpc-flow'],
    ['vpc-flow-custom-v5.log', 'vpc-flow'],
    ['waf.jsonl', 'waf-json'],
    ['zeek-conn.jsonl', 'zeek-conn'],
  ])('still recognises %s as %s', (name, id) => {
    expect(detectFormat(fixture(name), name).id).toBe(id);
  });

  // dns.log and notice.log records carry uid, id and proto too: their JSON form (no #path to go
  // by) was taken for conn.log and stored as connections without a word.
  it('takes no Zeek JSON log of another kind for conn.log', () => {
    const dns =
      '{"ts":1591367999.305988,"uid":"CMdzit1AMNsmfAIiQc","id.orig_h":"192.168.4.76","id.orig_p":36844,"id.resp_h":"192.168.4.1","id.resp_p":53,"proto":"udp","trans_id":31591,"rtt":0.000364,"query":"testmyids.com","qclass":1,"qclass_name":"C_INTERNET","qtype":1,"qtype_name":"A","rcode":0,"rcode_name":"NOERROR","AA":false,"TC":false,"RD":true,"RA":true,"Z":0,"answers":["31.3.245.133"],"TTLs":[3600.0],"rejected":false}\n';
    const notice =
      '{"ts":1591367999.305988,"uid":"CMdzit1AMNsmfAIiQc","id.orig_h":"192.168.4.76","id.orig_p":36844,"id.resp_h":"192.168.4.1","id.resp_p":443,"proto":"tcp","note":"SSL::Invalid_Server_Cert","msg":"SSL certificate validation failed","actions":["Notice::ACTION_LOG"],"suppress_for":3600.0}\n';
    expect(() => detectFormat(dns, 'dns.json')).toThrow(/Could not recognise/);
    expect(() => detectFormat(notice, 'notice.json')).toThrow(/Could not recognise/);
  });

  // sip.log records carry uid, id, method, uri, trans_depth, user_agent, status_code, status_msg and
  // the body lengths as http.log's do (websocket.log: host, uri, user_agent): their JSON form was
  // taken for http.log and every SIP message stored as an HTTP request.
  it('takes no Zeek JSON log of another kind for http.log', () => {
    expect(() => detectFormat(web('zeek-sip.json'), 'sip.json')).toThrow(/Could not recognise/);
    const sip = web('zeek-sip.json').split('\n')[0] ?? '';
    expect(() => detectFormat(`{"_path":"sip",${sip.slice(1)}\n`, 'x.json')).toThrow(/Could not recognise/);
    const websocket =
      '{"ts":1700000000.5,"uid":"CbX2aS3lq0Wq1hZ0Xg","id.orig_h":"10.0.0.9","id.orig_p":51004,"id.resp_h":"10.0.0.1","id.resp_p":80,"host":"intranet","uri":"/ws","user_agent":"Mozilla/5.0","subprotocol":"chat","client_protocols":["chat"]}\n';
    expect(() => detectFormat(websocket, 'websocket.json')).toThrow(/Could not recognise/);
  });

  it('claims no CSV or JSON lines that need a mapping preset', () => {
    expect(() => detectFormat(fixture('proxy.csv'), 'proxy.csv')).toThrow(/Could not recognise/);
    expect(() => detectFormat(fixture('ecs-events.jsonl'), 'ecs.jsonl')).toThrow(/Could not recognise/);
  });
});
