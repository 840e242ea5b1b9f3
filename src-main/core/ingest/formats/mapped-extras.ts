// JSON-lines fields the preset does not map, kept as attrs: nested objects are flattened to dotted
// keys (`httpRequest.uri`) so each value stays one readable string, as attrs are for every format.
import { MAX_FIELD_CHARS, RowError, refuseNul } from '../values.js';

// Deeper structure than this is kept as JSON text under its parent's dotted key.
const MAX_DEPTH = 3;

export class ExtrasJson {
  private json = '';

  /** `mapped`: keys and dotted paths already stored in session columns. */
  constructor(private readonly mapped: ReadonlySet<string>) {}

  encode(record: Record<string, unknown>): string | null {
    this.json = '';
    this.add(record, '', 0);
    return this.json === '' ? null : `${this.json}}`;
  }

  private add(object: Record<string, unknown>, prefix: string, depth: number): void {
    for (const key in object) {
      const name = prefix === '' ? key : `${prefix}.${key}`;
      if (this.mapped.has(name)) continue;
      const value = object[key];
      if (value === null || value === undefined) continue;
      if (typeof value === 'object' && !Array.isArray(value) && depth < MAX_DEPTH) {
        this.add(value as Record<string, unknown>, name, depth + 1);
        continue;
      }
      const text =
        typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
      if (text.length > MAX_FIELD_CHARS)
        throw new RowError(`${name}: longer than ${MAX_FIELD_CHARS} characters`);
      refuseNul(text, name);
      this.json += `${this.json === '' ? '{' : ','}${JSON.stringify(name)}:${JSON.stringify(text)}`;
    }
  }
}
