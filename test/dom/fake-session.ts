// A plausible stored session for component tests; `patch` overrides fields.
import type { Session } from '../../src-shared/domain.js';
import { NO_REQUEST } from '../helpers/no-request.js';

export function fakeSession(id: number, patch: Partial<Session> = {}): Session {
  return {
    id,
    importId: 1,
    startTs: Date.UTC(2024, 3, 25) + id * 1000,
    endTs: Date.UTC(2024, 3, 25) + id * 1000 + 500,
    srcIp: `10.0.${(id >> 8) & 255}.${id & 255}`,
    dstIp: '192.168.0.1',
    srcPort: 40000,
    dstPort: 443,
    protocol: 'HTTPS',
    bytesIn: id * 10,
    bytesOut: id,
    packets: null,
    responseCode: 200,
    country: 'US',
    asn: null,
    ruleName: 'rule',
    detectionType: 'waf_rule',
    action: null,
    label: null,
    durationMs: 500,
    bytesRatio: 0.1,
    hourOfDay: 3,
    rawLine: id + 1,
    ...NO_REQUEST,
    attrs: null,
    ...patch,
  };
}
