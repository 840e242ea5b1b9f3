import { describe, expect, it } from 'vitest';
import { wafJson } from '../../../src-main/core/ingest/formats/waf-json.js';
import { fixture } from './fixtures.js';
import { attrsOf, parseText } from './parse-text.js';

/** A minimal WAF record; `over` replaces top-level keys, `request` replaces httpRequest keys. */
function waf(over: Record<string, unknown> = {}, request: Record<string, unknown> = {}): string {
  return JSON.stringify({
    timestamp: 1700000000123,
    webaclId: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/web/abc',
    terminatingRuleId: 'AWS-AWSManagedRulesSQLiRuleSet',
    terminatingRuleType: 'MANAGED_RULE_GROUP',
    action: 'BLOCK',
    httpSourceName: 'ALB',
    ruleGroupList: [],
    responseCodeSent: null,
    ...over,
    httpRequest: {
      clientIp: '203.0.113.7',
      country: 'BR',
      headers: [],
      uri: '/login',
      args: '',
      httpVersion: 'HTTP/1.1',
      httpMethod: 'POST',
      ...request,
    },
  });
}

describe('waf-json', () => {
  const parsed = parseText('waf-json', fixture('waf.jsonl'));

  it('normalizes a rate-based block with exact fields', () => {
    expect(parsed.bads).toEqual([]);
    expect(parsed.rows).toHaveLength(4);
    expect(parsed.rows[0]).toEqual({
      startTs: 1683355579981,
      endTs: 1683355579981,
      srcIp: '52.46.82.45',
      dstIp: null,
      srcPort: null,
      dstPort: null,
      protocol: 'HTTP/1.1',
      bytesIn: null,
      bytesOut: null,
      packets: null,
      responseCode: null,
      country: 'FR',
      asn: null,
      ruleName: 'RateBasedRule',
      detectionType: 'BLOCK:RateBasedRule',
      action: 'BLOCK',
      label: null,
      // The request, in its fields (an empty query string is no query).
      method: 'GET',
      host: 'rjvegx5guh.execute-api.eu-west-3.amazonaws.com',
      path: '/CanaryTest',
      query: null,
      httpVersion: 'HTTP/1.1',
      userAgent: 'PostmanRuntime/7.29.2',
      referrer: null,
      requestId: 'Ed0AiHF_CGYF-DA=',
      // What WAF says beyond the request.
      attrs: JSON.stringify({
        webaclId:
          'arn:aws:wafv2:eu-west-3:123456789012:regional/webacl/LoggingWebACL/1EXAMPLE-2ARN-3ARN-4ARN-123456EXAMPLE',
        httpSourceName: 'APIGW',
        terminatingRuleType: 'RATE_BASED',
        // Every other field, by its WAF name (waf-json-attrs.test.ts has them all).
        formatVersion: '1',
        httpSourceId: 'EXAMPLE11:rjvegx5guh:CanaryTest',
        rateBasedRuleList: JSON.stringify([
          {
            rateBasedRuleId:
              'arn:aws:wafv2:eu-west-3:123456789012:regional/ipset/3c3b3b3b-3b3b-3b3b-3b3b-3b3b3b3b3b3b',
            rateBasedRuleName: 'RateBasedRule',
            limitKey: 'IP',
            maxRateAllowed: 100,
            limitValue: '52.46.82.45',
          },
        ]),
        'header.x-forwarded-for': '52.46.82.45',
        'header.x-forwarded-proto': 'https',
        'header.x-forwarded-port': '443',
        'header.accept': '*/*',
      }),
      // The request's own id: what the session is keyed by.
      eventId: 'Ed0AiHF_CGYF-DA=',
      line: 1,
    });
  });

  it('keeps the web ACL rule of a managed group as the rule, and the group rule in attrs', () => {
    expect(parsed.rows[1]).toMatchObject({
      ruleName: 'AWS-AWSManagedRulesSQLiRuleSet',
      detectionType: 'BLOCK:AWS-AWSManagedRulesSQLiRuleSet',
      responseCode: 403,
      country: 'AU',
      srcIp: '1.1.1.1',
      // As logged: neither the query's percent-encoding nor the path's is undone.
      path: '/myUri',
      query: 'id=10%20AND%201=1',
      host: 'localhost',
      // The Host header's port: WAF logs no destination port of its own.
      dstPort: 1989,
      userAgent: 'curl/7.61.1',
      requestId: 'rid',
      eventId: 'rid',
    });
    expect(attrsOf(parsed.rows[1]!)).toEqual({
      webaclId:
        'arn:aws:wafv2:ap-southeast-2:111122223333:regional/webacl/STMTest/1EXAMPLE-2ARN-3ARN-4ARN-123456EXAMPLE',
      httpSourceName: 'ALB',
      terminatingRuleType: 'MANAGED_RULE_GROUP',
      ruleGroup: 'AWS#AWSManagedRulesSQLiRuleSet',
      groupRule: 'SQLi_QUERYARGUMENTS',
      // The evidence: what the rule matched, where, and the labels it added.
      terminating_match: 'SQL_INJECTION HEADER: 10 AND 1',
      group_rules: 'AWS#AWSManagedRulesSQLiRuleSet/SQLi_QUERYARGUMENTS BLOCK',
      labels: 'awswaf:managed:aws:sql-database:SQLi_QueryArguments',
      formatVersion: '1',
      httpSourceId: '111122223333-app/my-alb/1234567890abcdef',
      'header.accept': '*/*',
      'header.x-stm-test': '10 AND 1=1',
    });
  });

  it('takes the group rule when the default action ended the request (lower-case header names too)', () => {
    expect(parsed.rows[2]).toMatchObject({
      srcIp: '2001:db8::1',
      ruleName: 'SizeRestrictions_BODY',
      detectionType: 'ALLOW:SizeRestrictions_BODY',
      action: 'ALLOW',
      protocol: 'HTTP/2.0',
    });
    expect(parsed.rows[2]).toMatchObject({
      host: 'shop.example.com',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
      method: 'POST',
      httpVersion: 'HTTP/2.0',
    });
    expect(attrsOf(parsed.rows[2]!)).toMatchObject({ ruleGroup: 'AWS#AWSManagedRulesCommonRuleSet' });
    expect(parsed.rows[3]).toMatchObject({
      ruleName: 'Default_Action',
      detectionType: 'ALLOW:Default_Action',
      country: 'DE',
    });
    expect(attrsOf(parsed.rows[3]!)).not.toHaveProperty('ruleGroup');
    // No headers: no host, user agent or referrer.
    expect(parsed.rows[3]).toMatchObject({
      method: 'HEAD',
      path: '/',
      host: null,
      userAgent: null,
      referrer: null,
    });
  });

  it('reads Host, User-Agent and Referer in any case (the last of a repeated one), the others as attributes', () => {
    const headers = [
      { name: 'HOST', value: 'first.example.com' },
      { name: 'Referer', value: 'https://www.google.com/search?q=%27+or+1%3D1' },
      { name: 'x-user-agent', value: 'not this one' },
      { name: 'Refere', value: 'nor this' },
      { name: 'host', value: 'second.example.com' },
      { name: 'User-Agent', value: 'sqlmap/1.8#stable' },
    ];
    const { rows, bads } = parseText(
      'waf-json',
      waf({}, { headers, uri: '/a b/../etc/passwd', args: 'q=1%27%20OR%201=1', requestId: 'r-1' }),
    );
    expect(bads).toEqual([]);
    expect(rows[0]).toMatchObject({
      host: 'second.example.com',
      userAgent: 'sqlmap/1.8#stable',
      referrer: 'https://www.google.com/search?q=%27+or+1%3D1',
      path: '/a b/../etc/passwd',
      query: 'q=1%27%20OR%201=1',
      method: 'POST',
      requestId: 'r-1',
      eventId: 'r-1',
    });
    // Host, User-Agent and Referer are session fields, not attributes; the others are attributes.
    expect(attrsOf(rows[0]!)).toMatchObject({
      'header.x-user-agent': 'not this one',
      'header.refere': 'nor this',
    });
    expect(Object.keys(attrsOf(rows[0]!) ?? {}).filter((k) => /host|user-agent$|referer$/.test(k))).toEqual([
      'header.x-user-agent',
    ]);
  });

  it('quarantines a request whose header value cannot be text', () => {
    const { rows, bads } = parseText(
      'waf-json',
      [
        waf({}, { headers: [{ name: 'Referer', value: { url: '/' } }] }),
        waf({}, { headers: [{ name: 'User-Agent', value: 'a\u0000b' }] }),
      ].join('\n'),
    );
    expect(rows).toEqual([]);
    expect(bads.map((b) => b.reason)).toEqual([
      'Referer header: expected text, found an object',
      'User-Agent header: contains a NUL byte',
    ]);
  });

  it('defaults the protocol to HTTP and reads a timestamp given as text', () => {
    const { rows } = parseText('waf-json', waf({ timestamp: '1700000000999' }, { httpVersion: undefined }));
    expect(rows[0]).toMatchObject({ protocol: 'HTTP', startTs: 1700000000999, endTs: 1700000000999 });
  });

  it('quarantines records it cannot trust, each with its reason and line', () => {
    const lines = [
      '{"timestamp": 1, "httpRequest": {',
      '[1,2,3]',
      '"just text"',
      JSON.stringify({ timestamp: 1700000000123, action: 'BLOCK', terminatingRuleId: 'r1' }),
      waf({}, { clientIp: undefined }),
      waf({}, { clientIp: '300.1.1.1' }),
      waf({}, { clientIp: 3232235777 }),
      waf({ timestamp: undefined }),
      waf({ responseCodeSent: -1 }),
      waf({}, { country: 'Brazil' }),
      waf({}, { uri: { path: '/' } }),
      waf({}, { uri: 'x'.repeat(70_000) }),
      waf({ action: 'BLOCK\uFFFD' }),
    ];
    const { rows, bads } = parseText('waf-json', lines.join('\n'));
    expect(rows).toEqual([]);
    expect(bads.map((b) => b.line)).toEqual(lines.map((_, i) => i + 1));
    const reasons = bads.map((b) => b.reason);
    expect(reasons[0]).toMatch(/^invalid JSON: /);
    expect(reasons.slice(1)).toEqual([
      'not a JSON object (found an array)',
      'not a JSON object (found a string)',
      'httpRequest: missing or not an object',
      'httpRequest.clientIp: missing',
      'httpRequest.clientIp: not an IP address: 300.1.1.1',
      'httpRequest.clientIp: not an IP address (found a number)',
      'timestamp: missing',
      'responseCodeSent: negative (-1)',
      'httpRequest.country: not a two-letter country code: Brazil',
      'httpRequest.uri: expected text, found an object',
      'httpRequest.uri: longer than 65536 characters',
      'invalid UTF-8 bytes in the record',
    ]);
  });

  it('skips blank lines without counting them and keeps physical line numbers', () => {
    const { rows, bads } = parseText('waf-json', `\n${waf()}\r\n   \n${waf({ timestamp: 1700000000124 })}\n`);
    expect(bads).toEqual([]);
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('detects WAF records and nothing else', () => {
    expect(wafJson.detect(fixture('waf.jsonl'), 'waf.log')).toBe(1);
    expect(wafJson.detect(`\n  ${waf()}\n`, 'x')).toBe(1);
    expect(wafJson.detect('{"httpRequest":{"clientIp":"1.1.1.1"}}\n', 'x')).toBe(0.3);
    expect(wafJson.detect('{"a":1}\n', 'x')).toBe(0);
    expect(wafJson.detect(fixture('cloudwatch.csv'), 'x.csv')).toBe(0);
    expect(wafJson.detect(fixture('vpc-flow-default.log'), 'x.log')).toBe(0);
    expect(wafJson.detect(waf().slice(0, 50), 'x')).toBe(0);
  });
});
