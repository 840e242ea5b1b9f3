// Pieces every part of the STIX bundle uses: the object shape, timestamps, pattern literals, ids,
// and the `based-on` relationship from an indicator to what it was seen in.
import { createHash, createHmac, randomBytes } from 'node:crypto';

export type StixObject = Record<string, unknown> & { type: string; id: string };

export const ts = (ms: number) => new Date(ms).toISOString();

/** STIX pattern string literal: backslash and quote escaped (a matched request value may hold either). */
export const literal = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The first 16 bytes of a hash as an RFC 4122 UUID of this version (variant bits 10). */
function uuidOf(hash: Buffer, version: 4 | 5): string {
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | (version << 4), 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// STIX 2.1 §2.9: cyber-observable ids are UUIDv5 in this namespace over their id-contributing properties.
const SCO_NAMESPACE = Buffer.from('00abedb4aa42466c9c01fed23315a9b7', 'hex');

export function uuidv5(name: string): string {
  return uuidOf(createHash('sha1').update(SCO_NAMESPACE).update(name, 'utf8').digest(), 5);
}

/** The id of the object of `type` that stands for `name` (a session, an indicator's pattern, a pair). */
export type IdOf = (type: string, name: string) => string;

/**
 * Ids for the domain and relationship objects of one export: UUIDv4 (STIX 2.1 §2.9 asks SDOs and
 * SROs for v4), each derived from what the object stands for with a key drawn at random for this
 * export. The bundle is written as it is made and the report lists every object before they
 * follow, so each object is made more than once: the same name gives the same id within the
 * export without the ids being kept, and every export still has new ids no one can guess, as
 * randomUUID's were.
 */
export function exportIds(): IdOf {
  const key = randomBytes(32);
  return (type, name) =>
    `${type}--${uuidOf(createHmac('sha256', key).update(`${type}\u0000${name}`, 'utf8').digest(), 4)}`;
}

/**
 * `source` (an indicator) is based on `target` (an observed-data); `common` gives the SDO base. One
 * relationship per pair: its id is the pair's.
 */
export function basedOn(
  common: () => Record<string, unknown>,
  idOf: IdOf,
  source: string,
  target: string,
): StixObject {
  return {
    type: 'relationship',
    ...common(),
    id: idOf('relationship', `${source} ${target}`),
    relationship_type: 'based-on',
    source_ref: source,
    target_ref: target,
  };
}
