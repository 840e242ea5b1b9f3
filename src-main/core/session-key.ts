// biome-ignore-all lint/style/noNonNullAssertion: the key hash of every ingested row reads fixed Int32Array slots (7 text offsets, 2 digest words each) whose indexes are in range by construction; a check per read would cost on each of millions of rows.
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
  // The HTTP request, which most sources do not have (missing as undefined or null).
  method?: string | null;
  host?: string | null;
  path?: string | null;
  query?: string | null;
  httpVersion?: string | null;
  userAgent?: string | null;
  requestTimeMs?: number | null;
  tlsProtocol?: string | null;
  tlsCipher?: string | null;
  requestLine?: string | null;
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
  // The request's (REQUEST_TEXTS_FROM on).
  'method',
  'host',
  'path',
  'query',
  'httpVersion',
  'userAgent',
  'tlsProtocol',
  'tlsCipher',
  'requestLine',
] as const;
const REQUEST_TEXTS_FROM = KEY_TEXTS.indexOf('method');

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
  // The HTTP request, mixed in only when the row has one: a row without it (a flow, an alert)
  // keeps the key it had before these fields existed, so no stored session needs a new one. Left
  // out: the request id, which keys the row as its event id (eventKey) where it is one, and the
  // referrer, which WAF sessions stored before schema 16 did not keep (their keys are remade from
  // what they kept: migrations/016-web-requests.ts).
  if (hasRequest(row, textAt)) {
    mix(0x7ffffff5);
    for (let k = REQUEST_TEXTS_FROM; k < KEY_TEXTS.length; k++) mixText(digests, textAt[k]!);
    mixNumber(row.requestTimeMs ?? null);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function hasRequest(row: KeyFields, textAt: Int32Array): boolean {
  if (row.requestTimeMs != null) return true;
  for (let k = REQUEST_TEXTS_FROM; k < KEY_TEXTS.length; k++) if (textAt[k]! >= 0) return true;
  return false;
}

/*
 * What goes into sessions.key_hash is the natural key XOR a discriminator that tells identical
 * rows apart: nothing for the first of them, a mix of n for the n-th identical row of an import,
 * a digest of the event id for a row whose source names its events (a WAF request id, a CloudWatch
 * Logs event id). So the first of identical rows keeps the natural key that databases stored before
 * repeats were counted, and because the discriminator does not depend on the row, a later change of
 * the natural key can re-key every session as key ⊕ old natural ⊕ new natural, without its event id.
 */

/** The key of the `n`-th (1-based) identical row of an import whose natural key is `natural`. */
export function occurrenceKey(natural: number, n: number): number {
  if (n === 1) return natural;
  let lo = Math.imul(n ^ 0x2545f491, 0x9e3779b1);
  lo = Math.imul(lo ^ (lo >>> 15), 0x85ebca77);
  lo ^= lo >>> 13;
  let hi = Math.imul(n ^ 0x68e31da4, 0xc2b2ae3d);
  hi = Math.imul(hi ^ (hi >>> 16), 0x27d4eb2f);
  hi ^= hi >>> 15;
  return withDiscriminator(natural, lo, hi);
}

const eventDigest = new Int32Array(2);

/** The key of a row that its source identifies by `eventId` (the same event from any file or pull). */
export function eventKey(natural: number, eventId: string): number {
  digestText(eventId, eventDigest, 0);
  // A constant keeps an event's discriminator apart from an occurrence's by more than chance alone.
  return withDiscriminator(natural, eventDigest[0]! ^ 0x5bd1e995, eventDigest[1]! ^ 0x1b873593);
}

/**
 * The key of a stored session whose natural key changes from `from` to `to` (its fields were
 * stored differently): its discriminator, whatever it was, is kept. A negative key (a collision
 * kept apart by migration 009) is no natural key's and stays.
 */
export function rekeyed(key: number, from: number, to: number): number {
  if (key < 0) return key;
  const hi = (hiOf(key) ^ hiOf(from) ^ hiOf(to)) & 2097151;
  return 4294967296 * hi + ((key ^ from ^ to) >>> 0);
}

const hiOf = (key: number) => Math.floor(key / 4294967296);

/** natural ⊕ (hi:lo), within the 53 bits a key has. */
function withDiscriminator(natural: number, lo: number, hi: number): number {
  const naturalHi = Math.floor(natural / 4294967296);
  return 4294967296 * ((naturalHi ^ hi) & 2097151) + ((natural ^ lo) >>> 0);
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
    textAt[k] = value == null ? -1 : k * 2;
    if (value != null) digestText(value, digests, k * 2);
  });
  return naturalKey(row, digests, textAt);
}
