/**
 * Builds the JSON object text for extra columns kept as attributes (an `undefined` value is left
 * out). Most log values need no escaping, so they are embedded directly; the rest go through
 * JSON.stringify. Consecutive rows usually repeat the same extras, so the last result is reused.
 */
export class AttrsEncoder {
  private lastValues: (string | undefined)[] = [];
  private lastJson: string | null = null;
  private hasLast = false;
  private readonly keys: string[];

  constructor(keys: readonly string[]) {
    this.keys = keys.map((key) => `${JSON.stringify(key)}:`);
  }

  encode(values: readonly (string | undefined)[]): string | null {
    if (this.keys.length === 0) return null;
    if (this.hasLast && sameValues(values, this.lastValues)) return this.lastJson;
    let json = '';
    for (let i = 0; i < this.keys.length; i++) {
      const value = values[i];
      if (value === undefined) continue;
      json += (json === '' ? '{' : ',') + this.keys[i] + quote(value);
    }
    const result = json === '' ? null : `${json}}`;
    this.lastValues = values.slice();
    this.lastJson = result;
    this.hasLast = true;
    return result;
  }
}

function sameValues(a: readonly (string | undefined)[], b: readonly (string | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

function quote(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}
