// The format-neutral session the traffic model produces; one writer per output format turns it
// into lines.

export const LABELS = [
  'benign',
  'port_scan',
  'brute_force',
  'exfiltration',
  'beaconing',
  'rare_country_odd_hours',
] as const;
export type Label = (typeof LABELS)[number];

/** Index into LABELS (a number keeps the hot loop free of string compares). */
export const BENIGN = 0;
export const PORT_SCAN = 1;
export const BRUTE_FORCE = 2;
export const EXFILTRATION = 3;
export const BEACONING = 4;
export const RARE_COUNTRY = 5;

export interface Session {
  /** Epoch ms. */
  start: number;
  /** Milliseconds; 0 for a probe that got no answer. */
  duration: number;
  srcIp: string;
  /** Two-letter country of srcIp. */
  country: string;
  /** Index into the server list. */
  server: number;
  dstPort: number;
  /** Application protocol as the CloudWatch export names it: HTTPS, HTTP, SSH, RDP, TCP, UDP. */
  protocol: string;
  /** Carried over UDP (QUIC, UDP probes): VPC protocol 17 instead of 6. */
  udp: boolean;
  /** Client to server. */
  bytesIn: number;
  /** Server to client; 0 when nothing answered. */
  bytesOut: number;
  /** HTTP-style outcome code as in the CloudWatch export. */
  responseCode: number;
  kind: number;
  /** Stable per source (campaign or client): lets writers keep a user agent or URI per source. */
  sourceKey: number;
}

export type LabelCounts = Record<Label, number>;

export function emptyLabelCounts(): LabelCounts {
  return Object.fromEntries(LABELS.map((label) => [label, 0])) as LabelCounts;
}
