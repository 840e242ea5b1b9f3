// What the engine said, as a message an analyst can act on. ClickHouse 18.x writes
// "Code: 60, e.displayText() = DB::Exception: Table db.t doesn't exist., e.what() = DB::Exception";
// current versions write "Code: 60. DB::Exception: Table db.t does not exist. (UNKNOWN_TABLE) (version 24.3…)".
// Both are read by their code; the engine's own text is kept in one line, never a stack.

import { TLS_HANDSHAKE_TIMEOUT } from './tls-handshake.js';

/** An error line at the end of a streamed answer (an error after the first rows): either form. */
export const ERROR_LINE = /^Code: (\d+)[.,] /;

export interface Where {
  source: string;
  url: string;
  table: string;
  /** Where the password is read from ("$VAR, which is not set here", "the profile file F"). */
  credentials?: string;
}

/** The engine's text without its wrapping: the message between "DB::Exception: " and the tail. */
function engineText(text: string): string {
  const message =
    /DB::Exception: (.*?)(?:, e\.what\(\) = .*|\s+\([A-Z_]+\)(?: \(version [^)]*\))?)?\s*$/s.exec(
      text.trim(),
    );
  return (message?.[1] ?? text).replace(/\s+/g, ' ').trim();
}

function codeOf(text: string): number | null {
  const match = /Code: (\d+)/.exec(text);
  return match ? Number(match[1]) : null;
}

/** The codes of "no such column": UNKNOWN_IDENTIFIER (47), NO_SUCH_COLUMN_IN_TABLE (16). */
const MISSING_COLUMN_CODES = new Set([47, 16]);

/**
 * What the engine said of a failure describeSourceError described (its cause): its code, its own
 * words, and whether it names a column the table lacks. Null for a failure that is no engine's.
 */
export function engineAnswer(error: unknown): { code: number; said: string; missingColumn: boolean } | null {
  const cause = (error as { cause?: unknown } | null)?.cause ?? error;
  const raw = cause instanceof Error ? cause.message : String(cause);
  const code = codeOf(raw);
  if (code === null) return null;
  return { code, said: engineText(raw), missingColumn: MISSING_COLUMN_CODES.has(code) };
}

/** Node's codes for a certificate no trusted authority signed (a private CA, a self-signed one). */
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);
/** Node's codes for a certificate refused for another reason than who signed it. */
const REFUSED_CERTIFICATE = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const HTTP_PORT_HINT = 'is the address its HTTP port (8123 by default)?';

/** A clear message for any failure of a call to the source (engine error, network, abort). */
export function describeSourceError(error: unknown, where: Where): Error {
  const raw = error instanceof Error ? error.message : String(error);
  const netCode = (error as { code?: string } | null)?.code;
  const code = codeOf(raw);
  const said = engineText(raw);
  const name = `source "${where.source}"`;
  let message: string;
  if (
    netCode === 'ECONNREFUSED' ||
    netCode === 'ECONNRESET' ||
    netCode === 'EHOSTUNREACH' ||
    /socket hang up/i.test(raw)
  )
    message = `Cannot reach ${name} at ${where.url} (${netCode ?? 'connection closed'}): is the server running?`;
  // https:// to a plain http port: OpenSSL's own words say nothing an analyst can act on, and a
  // port that lets the handshake hang is one that does not speak TLS either (tls-handshake.ts).
  else if (
    netCode === 'EPROTO' ||
    netCode === TLS_HANDSHAKE_TIMEOUT ||
    /wrong version number|SSL routines/i.test(raw)
  )
    message = `Cannot reach ${name} at ${where.url} over TLS: the server does not answer https (is it an http:// address?).`;
  else if (netCode !== undefined && UNTRUSTED_CERTIFICATE.has(netCode))
    message = `Cannot reach ${name} at ${where.url} over TLS: its certificate is not signed by an authority this machine trusts (${said}). Start Vigil with NODE_EXTRA_CA_CERTS=FILE naming the PEM file of the authority that signed it.`;
  else if (netCode !== undefined && REFUSED_CERTIFICATE.has(netCode))
    message = `Cannot reach ${name} at ${where.url} over TLS: its certificate is refused (${said}).`;
  else if (netCode === 'ENOTFOUND') message = `Cannot reach ${name}: the host of ${where.url} is unknown.`;
  else if (/Timeout error|timed out/i.test(raw) && code === null)
    message = `${name} did not answer in time (${where.url}).`;
  else if (
    code === 192 ||
    code === 193 ||
    code === 194 ||
    code === 516 ||
    /Authentication failed|Wrong password|Password required/i.test(raw)
  )
    message = `${name} refused the user name or password (${said}). Check the password's environment variable or profile file${where.credentials ? `: it is read from ${where.credentials}` : ''}.`;
  else if (code === 60 || code === 81)
    message = `${name}: the table ${where.table} does not exist (${said}).`;
  else if (code !== null && MISSING_COLUMN_CODES.has(code))
    message = `${name}: a column named by the mapping does not exist (${said}). Fix the mapping (vigil source remove, then add it with --field); vigil source test names every such column.`;
  else if (code === 159 || code === 160) message = `${name} stopped the query: it ran out of time (${said}).`;
  else if (code === 394) message = `${name}: the query was cancelled.`;
  else if (code !== null) message = `${name} refused the query: ${said} (code ${code}).`;
  // ClickHouse always says why it refused; an answer without a word, or a web page, is another
  // server's (a proxy, a load balancer, a web site on that port).
  else if (raw.trim() === '' && netCode === undefined)
    message = `${name} at ${where.url} answered with an error and no message, as no ClickHouse server does: ${HTTP_PORT_HINT}`;
  else if (/^\s*<(!doctype|html)/i.test(raw)) {
    const title = /<title>([^<]*)<\/title>/i.exec(raw)?.[1]?.replace(/\s+/g, ' ').trim();
    message = `${name} at ${where.url} answered with a web page${title ? ` ("${title}")` : ''}, not as ClickHouse: ${HTTP_PORT_HINT}`;
  } else message = `${name} failed: ${said}`;
  return Object.assign(new Error(message), { cause: error });
}
