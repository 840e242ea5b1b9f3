import { describe, expect, it } from 'vitest';
import {
  eventLine,
  insightsLine,
  insightsTimestamp,
} from '../../../src-main/core/connectors/cloudwatch-logs/lines.js';

describe('event messages as spool lines', () => {
  it('keeps one-line messages as they are, without a trailing newline', () => {
    expect(eventLine('2 123 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 40 1 2 ACCEPT OK\n')).toBe(
      '2 123 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 40 1 2 ACCEPT OK',
    );
  });

  it('compacts pretty-printed JSON to one line and joins other multi-line text', () => {
    expect(eventLine('{\n  "a": 1,\n  "b": "x\\ny"\n}')).toBe('{"a":1,"b":"x\\ny"}');
    expect(eventLine('Error: boom\n    at f (x.js:1)\r\n    at g')).toBe('Error: boom at f (x.js:1) at g');
    expect(eventLine('{ not json\n}')).toBe('{ not json }');
  });

  it('takes @message from an Insights row, or the whole row when a preset maps its fields', () => {
    const row = { '@timestamp': '2024-05-01 12:00:00.000', '@message': 'm', srcAddr: '10.0.0.1' };
    expect(insightsLine(row, false)).toBe('m');
    expect(JSON.parse(insightsLine(row, true)!)).toEqual(row);
    expect(insightsLine({ srcAddr: 'x' }, false)).toBeNull();
  });

  it('reads Insights @timestamp in the AWS form (UTC) and as epoch ms', () => {
    expect(insightsTimestamp('2024-05-01 12:00:00.250')).toBe(Date.UTC(2024, 4, 1, 12, 0, 0, 250));
    expect(insightsTimestamp('1714564800250')).toBe(1714564800250);
    expect(insightsTimestamp('yesterday')).toBeNull();
    expect(insightsTimestamp(undefined)).toBeNull();
  });
});
