// Pieces every part of the STIX bundle uses: the object shape, timestamps, pattern literals.

export type StixObject = Record<string, unknown> & { type: string; id: string };

export const ts = (ms: number) => new Date(ms).toISOString();

/** STIX pattern string literal: backslash and quote escaped (a matched request value may hold either). */
export const literal = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
