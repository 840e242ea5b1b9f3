/** What a session key covers (ingest's SessionRow has these fields). */
export interface KeyFields {
  srcIp: string;
  dstIp: string | null;
  srcPort: number | null;
  dstPort: number | null;
  protocol: string | null;
  startTs: number;
  endTs: number;
  bytesIn: number | null;
  bytesOut: number | null;
  packets: number | null;
  ruleName: string | null;
  detectionType: string | null;
  action: string | null;
  attrs: string | null;
}

/**
 * The natural key of a session: a 53-bit hash of every field that describes it (label, country
 * and ASN aside), so the same session imported from any file is a duplicate. It is stored beside
 * start_ts in a unique (start_ts, key_hash) index, so a false duplicate needs two sessions
 * starting in the same millisecond and colliding in 53 bits. Hand-written (two multiplicative 32-bit lanes) because a
 * cryptographic digest per row would cost a large share of the ingest budget. A text enters as its
 * own 64-bit digest, which the parser computes once per distinct string (StringCodes keeps them by
 * id): logs repeat the same addresses, rules and attributes, so a row then costs a few
 * multiplications per field, however long its texts are.
 */
let h1 = 0;
let h2 = 0;

function mix(value: number): void {
  h1 = Math.imul(h1 ^ value, 2654435761);
  h2 = Math.imul(h2 ^ value, 1597334677);
}

/** Writes the digest of `text` (two 32-bit halves) to out[at] and out[at + 1]. */
export function digestText(text: string, out: Int32Array, at: number): void {
  let a = 0x6a09e667;
  let b = 0x3c6ef372;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 2246822507);
    b = Math.imul(b ^ c, 3266489909);
  }
  a = Math.imul(a ^ (a >>> 15) ^ text.length, 2654435761);
  b = Math.imul(b ^ (b >>> 13) ^ text.length, 1597334677);
  out[at] = a ^ (b >>> 16);
  out[at + 1] = b ^ (a >>> 16);
}

/** The texts of a row that enter its key, in key order, as StringCodes columns (batch-codec STR). */
export const KEY_TEXTS = [
  'srcIp',
  'dstIp',
  'protocol',
  'ruleName',
  'detectionType',
  'action',
  'attrs',
] as const;

function mixText(digests: Int32Array, at: number): void {
  if (at < 0) {
    mix(0x7ffffff1);
    return;
  }
  mix(digests[at]!);
  mix(digests[at + 1]!);
}

function mixNumber(value: number | null): void {
  if (value === null) {
    mix(0x7ffffff3);
    return;
  }
  mix(value >>> 0);
  mix(Math.floor(value / 4294967296) >>> 0);
}

/**
 * The key of `row`, whose KEY_TEXTS have their digests in `digests` at the offsets in `textAt`
 * (in KEY_TEXTS order; -1 for a missing text).
 */
export function naturalKey(row: KeyFields, digests: Int32Array, textAt: Int32Array): number {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
  mixText(digests, textAt[0]!); // srcIp
  mixText(digests, textAt[1]!); // dstIp
  mixNumber(row.srcPort);
  mixNumber(row.dstPort);
  mixText(digests, textAt[2]!); // protocol
  mixNumber(row.startTs);
  mixNumber(row.endTs);
  mixNumber(row.bytesIn);
  mixNumber(row.bytesOut);
  mixNumber(row.packets);
  mixText(digests, textAt[3]!); // ruleName
  mixText(digests, textAt[4]!); // detectionType
  mixText(digests, textAt[5]!); // action
  // Extras tell apart requests that share everything else (e.g. two WAF requests in the same
  // millisecond from one client to different URIs).
  mixText(digests, textAt[6]!); // attrs
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The key of one session on its own (digests computed here), for the migration that re-keys
 * stored sessions: the reason this module sits in core, below both ingest and db.
 */
export function naturalKeyOf(row: KeyFields): number {
  const digests = new Int32Array(KEY_TEXTS.length * 2);
  const textAt = new Int32Array(KEY_TEXTS.length);
  KEY_TEXTS.forEach((field, k) => {
    const value = row[field];
    textAt[k] = value === null ? -1 : k * 2;
    if (value !== null) digestText(value, digests, k * 2);
  });
  return naturalKey(row, digests, textAt);
}
