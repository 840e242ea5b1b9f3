// Case-insensitive comparison as the rules define it: each UTF-16 code unit is replaced by its
// lower case when that is one code unit too. String.prototype.toLowerCase is not that for every
// text (it turns a final capital sigma into "ς" by context and "İ" into two code units), and the
// multi-pattern matcher folds one code unit at a time, so every matcher uses this one definition.

const ASCII = /^[\x00-\x7f]*$/;
/** Folded code unit + 1 per code unit, 0 until first asked. */
const table = new Uint16Array(0x10000);

export function foldUnit(unit: number): number {
  if (unit < 0x80) return unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit;
  let folded = table[unit] ?? 0;
  if (folded === 0) {
    const lower = String.fromCharCode(unit).toLowerCase();
    folded = (lower.length === 1 ? lower.charCodeAt(0) : unit) + 1;
    table[unit] = folded;
  }
  return folded - 1;
}

export function foldCase(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(foldUnit(text.charCodeAt(i)));
  return out;
}
