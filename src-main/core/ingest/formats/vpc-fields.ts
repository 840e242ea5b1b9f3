// AWS VPC Flow Logs vocabulary: field names (versions 2-8), the default format, IANA protocol
// names, and the per-field parsers (charCode loops: this runs for every field of every record).
import { clip, count, port, RowError } from '../values.js';

/** The default (version 2) format, used when a file has no header line. */
export const DEFAULT_FIELDS = [
  'version',
  'account-id',
  'interface-id',
  'srcaddr',
  'dstaddr',
  'srcport',
  'dstport',
  'protocol',
  'packets',
  'bytes',
  'start',
  'end',
  'action',
  'log-status',
] as const;

/** Every documented field name; a header line is recognised by them. Unknown names in a header are kept as extras. */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  ...DEFAULT_FIELDS,
  'vpc-id',
  'subnet-id',
  'instance-id',
  'tcp-flags',
  'type',
  'pkt-srcaddr',
  'pkt-dstaddr',
  'region',
  'az-id',
  'sublocation-type',
  'sublocation-id',
  'pkt-src-aws-service',
  'pkt-dst-aws-service',
  'flow-direction',
  'traffic-path',
  'ecs-cluster-arn',
  'ecs-cluster-name',
  'ecs-container-instance-arn',
  'ecs-container-instance-id',
  'ecs-container-id',
  'ecs-second-container-id',
  'ecs-service-name',
  'ecs-task-definition-arn',
  'ecs-task-arn',
  'ecs-task-id',
  'reject-reason',
  'encryption-status',
]);

/**
 * True when `line` is a header: its first token is a known field name and every token looks like
 * one. Data values never do (they are numbers, IPs, ids such as `eni-…`, `ACCEPT`, or `-`).
 */
export function isHeaderLine(line: string): boolean {
  const first = line.charCodeAt(0);
  if (first < 97 || first > 122) return false; // cheap reject: data lines rarely start with a-z
  const space = line.indexOf(' ');
  if (!KNOWN_FIELDS.has(space === -1 ? line : line.slice(0, space))) return false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 32;
    if (!ok) return false;
  }
  return true;
}

// IANA assigned internet protocol numbers most seen in flow logs; others are stored as the number.
const PROTOCOL_NAMES: Record<number, string> = {
  0: 'hopopt',
  1: 'icmp',
  2: 'igmp',
  4: 'ipv4',
  6: 'tcp',
  17: 'udp',
  41: 'ipv6',
  47: 'gre',
  50: 'esp',
  51: 'ah',
  58: 'icmpv6',
  89: 'ospf',
  103: 'pim',
  112: 'vrrp',
  115: 'l2tp',
  132: 'sctp',
};

/** Name (or the number as text) for each protocol number 0..255, so a row costs one array read. */
export const PROTOCOLS: readonly string[] = Array.from(
  { length: 256 },
  (_, n) => PROTOCOL_NAMES[n] ?? String(n),
);

/** Parses an unsigned decimal of at most `maxDigits` digits without a regex; -1 when it is not one. */
export function digits(value: string, maxDigits: number): number {
  const n = value.length;
  if (n === 0 || n > maxDigits) return -1;
  let result = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    result = result * 10 + c;
  }
  return result;
}

/** `2019-07-17T20:55:43.000Z`, the shape CloudWatch Logs gives event times in exports. */
export function isIsoStamp(token: string): boolean {
  return (
    token.length >= 20 &&
    token.charCodeAt(4) === 45 &&
    token.charCodeAt(10) === 84 &&
    token.charCodeAt(token.length - 1) === 90
  );
}

export function epochSeconds(value: string, field: string): number {
  if (value === '-' || value === '') throw new RowError(`${field}: missing`);
  const n = digits(value, 12);
  if (n < 0) throw new RowError(`${field}: not an epoch-seconds timestamp: ${clip(value)}`);
  return n * 1000;
}

/** Plain digits take the fast path; anything else gets the shared validator and its reason. */
export function fastCount(value: string, field: string): number | null {
  const n = digits(value, 15);
  return n >= 0 ? n : count(value, field);
}

export function fastPort(value: string, field: string): number | null {
  const n = digits(value, 5);
  return n >= 0 && n <= 65535 ? n : port(value, field);
}

export function protocolName(value: string): string | null {
  if (value === '-') return null;
  const n = digits(value, 3);
  if (n < 0 || n > 255) throw new RowError(`protocol: not an IANA protocol number (0-255): ${clip(value)}`);
  return PROTOCOLS[n]!;
}

export function flowAction(value: string): string | null {
  if (value === 'ACCEPT' || value === 'REJECT') return value;
  if (value === '-') return null;
  throw new RowError(`action: expected ACCEPT or REJECT, found ${clip(value)}`);
}
