// Escaping of logged request lines and headers as Apache httpd does it (and nginx much the same):
// `"` and `\` get a backslash, \b \n \r \t \v their C escapes, and every other byte that is not
// printable ASCII (control characters, UTF-8 of non-ASCII text) becomes `\xhh`. A logged value
// is therefore always one line of ASCII that a quoted-field parser can split.

// Printable ASCII except the two characters that need a backslash.
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const NAMED: Record<number, string> = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};

function escapeBytes(bytes: Iterable<number>): string {
  let out = '';
  for (const byte of bytes) {
    const named = NAMED[byte];
    if (named) out += named;
    else if (byte < 0x20 || byte > 0x7e) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out;
}

/** A header or URL text (UTF-16), escaped byte by byte of its UTF-8. */
export function escapeLogText(text: string): string {
  return PLAIN.test(text) ? text : escapeBytes(Buffer.from(text, 'utf8'));
}

/** Raw bytes (one character per byte, as WebRequest.raw holds them), escaped. */
export function escapeLogBytes(raw: string): string {
  return PLAIN.test(raw) ? raw : escapeBytes(Buffer.from(raw, 'latin1'));
}
