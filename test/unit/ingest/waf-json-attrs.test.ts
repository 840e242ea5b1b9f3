// What a WAF record says beyond the session's own fields is kept as attributes, readable in the
// drawer and bounded in size: the evidence (matched data, labels, every header) is never dropped,
// and a huge header set is cut rather than sending the request to quarantine.
import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';
import { attrsOf, parseText } from './parse-text.js';

/** A record with the fields the AWS WAF documentation lists, matches in every place they go. */
function fullRecord(headers: { name: string; value: string }[] = []): string {
  return JSON.stringify({
    timestamp: 1700000000123,
    formatVersion: 1,
    webaclId: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/web/abc',
    terminatingRuleId: 'AWS-AWSManagedRulesSQLiRuleSet',
    terminatingRuleType: 'MANAGED_RULE_GROUP',
    action: 'BLOCK',
    terminatingRuleMatchDetails: [
      {
        conditionType: 'SQL_INJECTION',
        sensitivityLevel: 'HIGH',
        location: 'QUERY_STRING',
        matchedData: ['10', 'AND', '1=1'],
      },
      { conditionType: 'XSS', location: 'HEADER', matchedFieldName: 'x-evil', matchedData: ['<script>'] },
    ],
    httpSourceName: 'CF',
    httpSourceId: 'E1ABCDEF',
    ruleGroupList: [
      {
        ruleGroupId: 'AWS#AWSManagedRulesSQLiRuleSet',
        terminatingRule: { ruleId: 'SQLi_QUERYARGUMENTS', action: 'BLOCK', ruleMatchDetails: null },
        nonTerminatingMatchingRules: [{ ruleId: 'SQLi_BODY', action: 'COUNT' }],
        excludedRules: null,
      },
      {
        ruleGroupId: 'AWS#AWSManagedRulesCommonRuleSet',
        terminatingRule: null,
        nonTerminatingMatchingRules: [],
      },
    ],
    rateBasedRuleList: [],
    nonTerminatingMatchingRules: [
      {
        ruleId: 'CountLogin',
        action: 'COUNT',
        ruleMatchDetails: [{ conditionType: 'XSS', location: 'BODY', matchedData: ['<img', 'onerror'] }],
      },
      { ruleId: 'CaptchaRule', action: 'CAPTCHA' },
    ],
    requestHeadersInserted: null,
    responseCodeSent: 403,
    labels: [{ name: 'awswaf:managed:aws:sql-database:SQLi_QueryArguments' }, { name: 'app:login' }],
    ja3Fingerprint: '3fed133de60c35724739b913924b6c24',
    ja4Fingerprint: 't13d1516h2_8daaf6152771_e5627efa2ab1',
    clientAsn: 64496,
    httpRequest: {
      clientIp: '203.0.113.7',
      country: 'BR',
      headers: [
        { name: 'Host', value: 'shop.example' },
        { name: 'X-Forwarded-For', value: '198.51.100.1, 10.0.0.2' },
        { name: 'Cookie', value: 'a=1' },
        { name: 'cookie', value: 'b=2' },
        { name: 'User-Agent', value: 'sqlmap/1.8' },
        ...headers,
      ],
      uri: '/login',
      args: 'id=10 AND 1=1',
      httpVersion: 'HTTP/2.0',
      httpMethod: 'POST',
      requestId: 'req-1',
      scheme: 'https',
      fragment: '',
    },
  });
}

describe('waf-json attributes', () => {
  it('keeps matches, labels, fingerprints, headers and the other fields as readable attributes', () => {
    const { rows, bads } = parseText('waf-json', fullRecord());
    expect(bads).toEqual([]);
    expect(rows[0]).toMatchObject({
      host: 'shop.example',
      userAgent: 'sqlmap/1.8',
      requestId: 'req-1',
      responseCode: 403,
      asn: 64496,
    });
    expect(attrsOf(rows[0]!)).toEqual({
      webaclId: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/web/abc',
      httpSourceName: 'CF',
      terminatingRuleType: 'MANAGED_RULE_GROUP',
      ruleGroup: 'AWS#AWSManagedRulesSQLiRuleSet',
      groupRule: 'SQLi_QUERYARGUMENTS',
      terminating_match: 'SQL_INJECTION QUERY_STRING: 10 AND 1=1; XSS HEADER x-evil: <script>',
      non_terminating_rules: 'CountLogin COUNT (XSS BODY: <img onerror); CaptchaRule CAPTCHA',
      group_rules:
        'AWS#AWSManagedRulesSQLiRuleSet/SQLi_QUERYARGUMENTS BLOCK; AWS#AWSManagedRulesSQLiRuleSet/SQLi_BODY COUNT',
      labels: 'awswaf:managed:aws:sql-database:SQLi_QueryArguments, app:login',
      formatVersion: '1',
      httpSourceId: 'E1ABCDEF',
      ja3Fingerprint: '3fed133de60c35724739b913924b6c24',
      ja4Fingerprint: 't13d1516h2_8daaf6152771_e5627efa2ab1',
      'httpRequest.scheme': 'https',
      'header.x-forwarded-for': '198.51.100.1, 10.0.0.2',
      // A repeated header is one attribute, its values in order (as HTTP combines them).
      'header.cookie': 'a=1, b=2',
    });
  });

  it('keeps a fixture record with no matches to just what it says', () => {
    const { rows } = parseText('waf-json', fixture('waf.jsonl'));
    expect(attrsOf(rows[0]!)).toMatchObject({
      rateBasedRuleList: expect.stringContaining('"limitValue":"52.46.82.45"'),
      'header.x-forwarded-for': '52.46.82.45',
      'header.accept': '*/*',
    });
    expect(attrsOf(rows[0]!)).not.toHaveProperty('terminating_match');
  });

  it('cuts a huge header set to a bounded size instead of quarantining the request', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ name: `X-Pad-${i}`, value: 'p'.repeat(1000) }));
    const { rows, bads } = parseText(
      'waf-json',
      fullRecord([{ name: 'X-Huge', value: 'h'.repeat(100_000) }, ...many]),
    );
    expect(bads).toEqual([]);
    expect(rows).toHaveLength(1);
    const attrs = attrsOf(rows[0]!)!;
    expect(rows[0]!.attrs!.length).toBeLessThan(65_536);
    // The evidence comes first and is whole; a value over the cap is cut, saying by how much.
    expect(attrs.terminating_match).toBe(
      'SQL_INJECTION QUERY_STRING: 10 AND 1=1; XSS HEADER x-evil: <script>',
    );
    expect(attrs['header.x-huge']).toMatch(/^h{8192}… \[cut: 100000 characters\]$/);
    // Headers past the budget are named, not kept.
    expect(attrs.attrs_omitted).toMatch(/^\d+ attributes over 48 KiB: header\.x-pad-\d+, /);
  });
});
