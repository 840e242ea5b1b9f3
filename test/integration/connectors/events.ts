// Log events to put into moto, with the session each one must become once pulled.
import type { InputLogEvent } from '@aws-sdk/client-cloudwatch-logs';

export interface ExpectedSession {
  start_ts: number;
  end_ts: number;
  src_ip: string;
  dst_ip: string | null;
  src_port: number | null;
  dst_port: number | null;
  protocol: string | null;
  bytes_in: number | null;
  bytes_out: number | null;
  packets: number | null;
  response_code: number | null;
  country: string | null;
  rule_name: string | null;
  detection_type: string | null;
  action: string | null;
}

const PORTS = [22, 80, 443, 3389];

/** VPC Flow Log record `i` (default format), unique per i, and its event at `t0 + i` ms. */
export function vpcEvent(i: number, t0: number): { event: InputLogEvent; session: ExpectedSession } {
  const startSec = Math.floor(t0 / 1000) - 600 + Math.floor(i / 10);
  const src = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  const dst = `172.31.0.${(i % 200) + 1}`;
  const srcPort = 1024 + (i % 60_000);
  const dstPort = PORTS[i % 4]!;
  const packets = 1 + (i % 50);
  const bytes = 40 * packets + i;
  const action = i % 5 === 0 ? 'REJECT' : 'ACCEPT';
  const message = `2 123456789012 eni-0abc${i % 7} ${src} ${dst} ${srcPort} ${dstPort} 6 ${packets} ${bytes} ${startSec} ${startSec + 60} ${action} OK`;
  return {
    event: { timestamp: t0 + i, message },
    session: {
      start_ts: startSec * 1000,
      end_ts: (startSec + 60) * 1000,
      src_ip: src,
      dst_ip: dst,
      src_port: srcPort,
      dst_port: dstPort,
      protocol: 'tcp',
      bytes_in: null,
      bytes_out: bytes,
      packets,
      response_code: null,
      country: null,
      rule_name: null,
      detection_type: null,
      action,
    },
  };
}

export function vpcEvents(count: number, t0: number, first = 0) {
  const made = Array.from({ length: count }, (_, k) => vpcEvent(first + k, t0));
  return { events: made.map((m) => m.event), sessions: made.map((m) => m.session) };
}

const COUNTRIES = ['FR', 'BR', 'US', 'DE', 'JP'];
const RULES = ['AWS-AWSManagedRulesSQLiRuleSet', 'RateBasedRule', 'Default_Action'];

/** AWS WAF log record `i`, and its event at its own timestamp `t0 + i` ms. */
export function wafEvent(i: number, t0: number): { event: InputLogEvent; session: ExpectedSession } {
  const ts = t0 + i;
  const rule = RULES[i % 3]!;
  const action = rule === 'Default_Action' ? 'ALLOW' : 'BLOCK';
  const clientIp = `198.51.${(i >> 8) & 255}.${i & 255}`;
  const country = COUNTRIES[i % 5]!;
  const responseCode = action === 'BLOCK' ? 403 : null;
  const record = {
    timestamp: ts,
    formatVersion: 1,
    webaclId: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/abc',
    terminatingRuleId: rule,
    terminatingRuleType: 'REGULAR',
    action,
    httpSourceName: 'ALB',
    ruleGroupList: [],
    responseCodeSent: responseCode,
    httpRequest: {
      clientIp,
      country,
      headers: [
        { name: 'Host', value: 'shop.example.com' },
        { name: 'User-Agent', value: `agent/${i % 3}` },
      ],
      uri: `/item/${i}`,
      args: '',
      httpVersion: 'HTTP/1.1',
      httpMethod: i % 2 ? 'GET' : 'POST',
    },
  };
  return {
    event: { timestamp: ts, message: JSON.stringify(record) },
    session: {
      start_ts: ts,
      end_ts: ts,
      src_ip: clientIp,
      dst_ip: null,
      src_port: null,
      dst_port: null,
      protocol: 'HTTP/1.1',
      bytes_in: null,
      bytes_out: null,
      packets: null,
      response_code: responseCode,
      country,
      rule_name: rule,
      detection_type: `${action}:${rule}`,
      action,
    },
  };
}

export function wafEvents(count: number, t0: number) {
  const made = Array.from({ length: count }, (_, k) => wafEvent(k, t0));
  return { events: made.map((m) => m.event), sessions: made.map((m) => m.session) };
}

export const SESSION_COLUMNS =
  'start_ts, end_ts, src_ip, dst_ip, src_port, dst_port, protocol, bytes_in, bytes_out, packets, response_code, country, rule_name, detection_type, action';
