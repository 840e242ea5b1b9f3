/**
 * Builds the JSON object text for extra columns kept as attributes. Most log values need no
 * escaping, so they are embedded directly; the rest go through JSON.stringify. Consecutive rows
 * usually repeat the same extras, so the last result is reused when the values are unchanged.
 */
export class AttrsEncoder {
  private lastValues: string[] = [];
  private lastJson: string | null = null;
  private readonly keyPrefixes: string[];

  constructor(keys: readonly string[]) {
    this.keyPrefixes = keys.map((key, i) => `${i === 0 ? '{' : ','}${JSON.stringify(key)}:`);
  }

  encode(values: readonly (string | undefined)[]): string | null {
    if (this.keyPrefixes.length === 0) return null;
    if (this.lastJson !== null && sameValues(values, this.lastValues)) return this.lastJson;
    let json = '';
    for (let i = 0; i < this.keyPrefixes.length; i++) {
      json += this.keyPrefixes[i] + quote(values[i] ?? '');
    }
    json += '}';
    this.lastValues = values.slice() as string[];
    this.lastJson = json;
    return json;
  }
}

function sameValues(a: readonly (string | undefined)[], b: readonly string[]): boolean {
  for (let i = 0; i < b.length; i++) if ((a[i] ?? '') !== b[i]) return false;
  return true;
}

const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

function quote(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}
