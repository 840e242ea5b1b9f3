import { describe, expect, it } from 'vitest';
import { cloudwatchCsv } from '../../../src-main/core/ingest/formats/cloudwatch-csv.js';
import { fixture } from './fixtures.js';
import { parseText } from './parse-text.js';

describe('cloudwatch-csv', () => {
  it('normalizes the sample export with exact fields; `time` equal to creation_time is not repeated', () => {
    const { rows, bads } = parseText('cloudwatch-csv', fixture('cloudwatch.csv'));
    expect(bads).toEqual([]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      startTs: Date.parse('2024-04-25T23:00:00Z'),
      endTs: Date.parse('2024-04-25T23:10:00Z'),
      srcIp: '147.161.161.82',
      dstIp: '10.138.69.97',
      srcPort: null,
      dstPort: 443,
      protocol: 'HTTPS',
      bytesIn: 5602,
      bytesOut: 12990,
      packets: null,
      responseCode: 200,
      country: 'AE',
      asn: null,
      ruleName: 'Suspicious Web Traffic',
      detectionType: 'waf_rule',
      action: null,
      label: null,
      attrs: JSON.stringify({
        observation_name: 'Adversary Infrastructure Interaction',
        'source.meta': 'AWS_VPC_Flow',
        'source.name': 'prod_webserver',
      }),
      line: 2,
    });
    expect(rows.map((r) => [r.srcIp, r.country, r.bytesIn, r.line])).toEqual([
      ['147.161.161.82', 'AE', 5602, 2],
      ['165.225.33.6', 'US', 30912, 3],
      ['165.225.212.255', 'CA', 28506, 4],
    ]);
  });

  it('accepts columns in any order and reads the same rows', () => {
    // The sample export has CRLF line ends; the reordered copy uses LF.
    const [header, ...lines] = fixture('cloudwatch.csv').trimEnd().split('\r\n');
    const reorder = (line: string) => line.split(',').reverse().join(',');
    const reversed = [header!, ...lines].map(reorder).join('\n');
    const a = parseText('cloudwatch-csv', fixture('cloudwatch.csv')).rows.map(
      ({ attrs: _a, ...rest }) => rest,
    );
    const b = parseText('cloudwatch-csv', reversed).rows.map(({ attrs: _a, ...rest }) => rest);
    expect(b).toEqual(a);
  });

  it('fails on a header without the required columns', () => {
    expect(() => parseText('cloudwatch-csv', 'src_ip,bytes_in\n1.1.1.1,5\n')).toThrow(
      'Not a CloudWatch web-attack CSV: the header lacks bytes_out, creation_time, end_time, dst_ip',
    );
  });

  it('detects its header', () => {
    expect(cloudwatchCsv.detect(fixture('cloudwatch.csv'), 'a.csv')).toBe(1);
    expect(cloudwatchCsv.detect(fixture('vpc-flow-default.log'), 'a.log')).toBe(0);
    expect(cloudwatchCsv.detect(fixture('proxy.csv'), 'a.csv')).toBe(0);
  });
});
