// Pieces every part of the STIX bundle uses: the object shape, timestamps, pattern literals, and
// the `based-on` relationship from an indicator to what it was seen in.
import { randomUUID } from 'node:crypto';

export type StixObject = Record<string, unknown> & { type: string; id: string };

export const ts = (ms: number) => new Date(ms).toISOString();

/** STIX pattern string literal: backslash and quote escaped (a matched request value may hold either). */
export const literal = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** `source` (an indicator) is based on `target` (an observed-data); `common` gives the SDO base. */
export function basedOn(common: () => Record<string, unknown>, source: string, target: string): StixObject {
  return {
    type: 'relationship',
    ...common(),
    id: `relationship--${randomUUID()}`,
    relationship_type: 'based-on',
    source_ref: source,
    target_ref: target,
  };
}
