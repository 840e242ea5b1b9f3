// A WAF log's evidence reaches the database: the matched data, labels and headers are stored as the
// session's attributes, and a request with a huge header set is stored, not quarantined.
import { describe, expect, it } from 'vitest';
import { expectReconciled, importFile, tempWorkspace } from './harness.js';

const record = (requestId: string, headers: { name: string; value: string }[]) =>
  JSON.stringify({
    timestamp: 1700000000123,
    webaclId: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/web/abc',
    terminatingRuleId: 'SQLiRule',
    terminatingRuleType: 'REGULAR',
    action: 'BLOCK',
    terminatingRuleMatchDetails: [
      { conditionType: 'SQL_INJECTION', location: 'QUERY_STRING', matchedData: ['1', 'OR', '1=1'] },
    ],
    labels: [{ name: 'awswaf:123456789012:webacl:web:sqli' }],
    ja4Fingerprint: 't13d1516h2_8daaf6152771_e5627efa2ab1',
    responseCodeSent: 403,
    httpRequest: {
      clientIp: '203.0.113.7',
      country: 'BR',
      headers: [{ name: 'Host', value: 'shop.example' }, ...headers],
      uri: '/search',
      args: 'q=1 OR 1=1',
      httpVersion: 'HTTP/1.1',
      httpMethod: 'GET',
      requestId,
    },
  });

describe('waf-json evidence', () => {
  it('is stored as attributes, and a huge header set is cut, not quarantined', async () => {
    const { db, write } = tempWorkspace();
    const huge = Array.from({ length: 100 }, (_, i) => ({ name: `X-Pad-${i}`, value: 'p'.repeat(2000) }));
    const result = await importFile(db, {
      file: write(
        'waf.jsonl',
        `${record('r-1', [{ name: 'X-Forwarded-For', value: '198.51.100.1' }])}\n${record('r-2', huge)}\n`,
      ),
    });
    expectReconciled(result);
    expect(result.record).toMatchObject({ format: 'waf-json', stored: 2, quarantined: 0 });
    const [first, second] = result.sessions;
    expect(first).toMatchObject({ requestId: 'r-1', responseCode: 403 });
    expect(first?.attrs).toMatchObject({
      terminating_match: 'SQL_INJECTION QUERY_STRING: 1 OR 1=1',
      labels: 'awswaf:123456789012:webacl:web:sqli',
      ja4Fingerprint: 't13d1516h2_8daaf6152771_e5627efa2ab1',
      'header.x-forwarded-for': '198.51.100.1',
    });
    expect(second?.attrs).toMatchObject({ terminating_match: 'SQL_INJECTION QUERY_STRING: 1 OR 1=1' });
    expect(second?.attrs?.attrs_omitted).toMatch(/^\d+ attributes over 48 KiB: /);
  });
});
