// The HTTP request of a session as text to read: the request line as logged, and the same line
// percent-decoded for display. Shared by the Sessions drawer and the case reports, so both show
// one request the same way. Decoding is for reading only: the stored path and query stay as logged.

interface RequestParts {
  method: string | null;
  path: string | null;
  query: string | null;
  httpVersion: string | null;
  /** The raw line, kept only when it was not a valid `METHOD TARGET VERSION` (a TLS handshake…). */
  requestLine: string | null;
}

// C0, DEL and C1 controls, and the marks that reorder text (bidirectional overrides, isolates and
// direction marks): U+202E shows `/rtl\u202egnp.exe` as `/rtlexe.png`, so a request would read
// other than it was logged. The same set the CLI shows as escapes (cli/terminal-text.ts).
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escaped = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
};

/** Hidden characters made visible (`\x00`, `\x0a`, `\u202e`): a decoded `%0a` must not break the line it is shown in. */
export function showControls(text: string): string {
  return text.replace(HIDDEN, escaped);
}

/** The request line as the log had it, or null for a session without a request. */
export function rawRequestLine(parts: RequestParts): string | null {
  if (parts.requestLine !== null) return showControls(parts.requestLine);
  if (parts.method === null && parts.path === null) return null;
  const target = `${parts.path ?? ''}${parts.query !== null ? `?${parts.query}` : ''}`;
  return showControls([parts.method ?? '-', target, parts.httpVersion].filter((p) => p !== null).join(' '));
}

/**
 * Percent-escapes decoded as UTF-8 where they form valid UTF-8; a run that does not (`%ff`, a lone
 * `%c3`) stays escaped, so nothing is lost or replaced by a guess. `+` reads as a space only in a
 * query (HTML forms encode spaces so); in a path it is a plus.
 */
export function percentDecode(text: string, plusIsSpace = false): string {
  const spaced = plusIsSpace ? text.replaceAll('+', ' ') : text;
  return spaced.replace(/(?:%[0-9A-Fa-f]{2})+/g, decodeRun);
}

/** A run of escapes: whole when it is valid UTF-8, else character by character (1–4 bytes each). */
function decodeRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    const escapes = run.match(/%[0-9A-Fa-f]{2}/g) ?? [];
    let out = '';
    for (let i = 0; i < escapes.length; ) {
      const width = [4, 3, 2, 1].find(
        (n) => i + n <= escapes.length && decodes(escapes.slice(i, i + n).join('')),
      );
      out += width ? decodeURIComponent(escapes.slice(i, i + width).join('')) : escapes[i];
      i += width ?? 1;
    }
    return out;
  }
}

function decodes(escapes: string): boolean {
  try {
    decodeURIComponent(escapes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The request line with its path and query percent-decoded (twice where it was encoded twice, as
 * the rules read it: `%2527` is `'`), control characters shown; null without a request.
 */
export function decodedRequestLine(parts: RequestParts): string | null {
  if (parts.requestLine !== null) return showControls(parts.requestLine);
  if (parts.method === null && parts.path === null) return null;
  // The second pass leaves `+` alone: once decoded, a `%2B` is a plus the client meant (C%2B%2B).
  const twice = (text: string, plusIsSpace: boolean) => percentDecode(percentDecode(text, plusIsSpace));
  const path = twice(parts.path ?? '', false);
  const query = parts.query !== null ? `?${twice(parts.query, true)}` : '';
  return showControls(
    [parts.method ?? '-', `${path}${query}`, parts.httpVersion].filter((p) => p !== null).join(' '),
  );
}
