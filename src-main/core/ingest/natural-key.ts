import type { SessionRow } from './types.js';

/**
 * 53-bit hash of every field that describes one session (label aside), so the same session
 * imported from any file is a duplicate. It is stored beside start_ts in a unique (start_ts, key_hash) index, so a
 * false duplicate needs two sessions starting in the same millisecond and colliding in 53 bits.
 * Hand-written (two multiplicative 32-bit lanes, values mixed without building a key string)
 * because a cryptographic digest per row would cost a large share of the ingest budget.
 */
let h1 = 0;
let h2 = 0;

function mix(value: number): void {
  h1 = Math.imul(h1 ^ value, 2654435761);
  h2 = Math.imul(h2 ^ value, 1597334677);
}

function mixText(value: string | null): void {
  if (value === null) {
    mix(0x7ffffff1);
    return;
  }
  for (let i = 0; i < value.length; i++) mix(value.charCodeAt(i));
  mix(0x7ffffff2);
}

function mixNumber(value: number | null): void {
  if (value === null) {
    mix(0x7ffffff3);
    return;
  }
  mix(value >>> 0);
  mix(Math.floor(value / 4294967296) >>> 0);
}

export function naturalKey(row: SessionRow): number {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
  mixText(row.srcIp);
  mixText(row.dstIp);
  mixNumber(row.srcPort);
  mixNumber(row.dstPort);
  mixText(row.protocol);
  mixNumber(row.startTs);
  mixNumber(row.endTs);
  mixNumber(row.bytesIn);
  mixNumber(row.bytesOut);
  mixNumber(row.packets);
  mixText(row.ruleName);
  mixText(row.detectionType);
  mixText(row.action);
  // Extras tell apart requests that share everything else (e.g. two WAF requests in the same
  // millisecond from one client to different URIs).
  mixText(row.attrs);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
