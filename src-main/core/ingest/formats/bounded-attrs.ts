// Attributes of a record whose extras can be large (a WAF request's whole header set), built one by
// one with a bound on their size. A field over 64 KiB quarantines its row, which would hide real
// traffic over a long cookie; so a value over VALUE_MAX is cut (saying how long it was), and once the
// attributes reach TOTAL_MAX the rest are only named, in `attrs_omitted`. Callers add the evidence
// first and the bulk (headers) last, so what gets cut is what matters least.
import { refuseNul, text } from '../values.js';

export const ATTR_VALUE_MAX = 8192;
export const ATTRS_TOTAL_MAX = 48 * 1024;
const OMITTED_TEXT_MAX = 1024;

export class BoundedAttrs {
  private json = '';
  private omitted: string[] = [];

  reset(): this {
    this.json = '';
    this.omitted = [];
    return this;
  }

  /**
   * Adds `value` under `name`: text as it is (checked as every text field is: a NUL byte
   * quarantines the record), a number or boolean as text, an object or array as compact JSON;
   * null, empty and `-` are left out.
   */
  add(name: string, value: unknown): void {
    if (value === null || value === undefined) return;
    if (Array.isArray(value) && value.length === 0) return;
    const whole = valueText(value);
    refuseNul(whole, name);
    const kept = text(cut(whole), name);
    if (kept === null) return;
    const piece = `${JSON.stringify(name)}:${JSON.stringify(kept)}`;
    if (this.json.length + piece.length + 2 > ATTRS_TOTAL_MAX) this.omitted.push(name);
    else this.json += (this.json === '' ? '{' : ',') + piece;
  }

  /** The attributes' JSON, or null when there are none. */
  encode(): string | null {
    if (this.omitted.length > 0) {
      let names = this.omitted.join(', ');
      if (names.length > OMITTED_TEXT_MAX) names = `${names.slice(0, OMITTED_TEXT_MAX)}…`;
      const note = `${this.omitted.length} attributes over ${ATTRS_TOTAL_MAX / 1024} KiB: ${names}`;
      this.json += `${this.json === '' ? '{' : ','}"attrs_omitted":${JSON.stringify(note)}`;
    }
    return this.json === '' ? null : `${this.json}}`;
  }
}

/** A JSON value as attribute text: a string as it is, anything else as compact JSON. */
export function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The first ATTR_VALUE_MAX characters (never half a surrogate pair), saying what was cut. */
function cut(value: string): string {
  if (value.length <= ATTR_VALUE_MAX) return value;
  let end = ATTR_VALUE_MAX;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${value.slice(0, end)}… [cut: ${value.length} characters]`;
}
