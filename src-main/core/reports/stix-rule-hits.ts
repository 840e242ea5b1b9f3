// Indicators from the rule hits of a case's sessions, where a pattern can say what the rule saw:
// the matched value inside the request target (path and query) or the User-Agent header, as a
// STIX pattern over the traffic's `http-request-ext` (containsComparison). One indicator per
// (field, value), `based-on` the observed-data of every session it was seen on. A value the rule
// matched only percent-decoded (rules/decode.ts) is said as the decoded payload in any of its
// encodings (encodedAnyWay), since the extension keeps the target as logged. A hit is left out when
// its pattern would still not match its own evidence, and on a session an analyst judged benign (a
// false positive is not shared as an attack).
import { levelText, type RuleLevel } from '../../../src-shared/rules.js';
import type { ExportRuleHit, StixRow } from '../db/session-export.js';
import { basedOn, type IdOf, literal, type StixObject, ts } from './stix-common.js';
import { httpRequestExtension } from './stix-http.js';

const EXT = "network-traffic:extensions.'http-request-ext'";
/** The object path a hit's field is found at; other fields (a port, a status) make no pattern here. */
const PATH_OF: Record<string, string> = {
  path: `${EXT}.request_value`,
  query: `${EXT}.request_value`,
  userAgent: `${EXT}.request_header.'User-Agent'`,
};

/** `text` with every regular-expression metacharacter escaped. */
const escapeRegex = (text: string) => text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');

/**
 * "Contains `value`" as a STIX comparison: LIKE '%value%', or, for a value holding LIKE's own
 * wildcards (% or _, which STIX gives no escape for: a percent-encoded attack as logged), MATCHES a
 * regular expression (PCRE, unanchored) of the value with its metacharacters escaped.
 */
function containsComparison(value: string): string {
  if (!/[%_]/.test(value)) return `LIKE ${literal(`%${value}%`)}`;
  return `MATCHES ${literal(escapeRegex(value))}`;
}

/** Where a request target's part reads `+` as a space when decoded (rules/decode.ts: a query does). */
const PLUS_IS_SPACE: Record<string, boolean> = { path: false, query: true };

/** A byte as `%HH` in a regular expression, its hex digits in either case. */
const percentByte = (byte: number) =>
  `%${[...byte.toString(16).toUpperCase().padStart(2, '0')].map((d) => (/[A-F]/.test(d) ? `[${d}${d.toLowerCase()}]` : d)).join('')}`;

/**
 * A regular expression (PCRE and JavaScript alike) of `value` with each character as itself or
 * percent-encoded once (`%2e`) or twice (`%252e`), hex in either case, and a space also as `+`
 * where that reads as one: every spelling the rules decode to `value` (decode.ts decodes twice).
 */
export function encodedAnyWay(value: string, plusIsSpace: boolean): string {
  const encoder = new TextEncoder();
  let out = '';
  for (const char of value) {
    const bytes = [...encoder.encode(char)];
    const once = bytes.map(percentByte).join('');
    const twice = bytes.map((byte) => `%25${percentByte(byte).slice(1)}`).join('');
    const spellings = [escapeRegex(char), once, twice];
    if (char === ' ' && plusIsSpace) spellings.push('\\+');
    out += `(?:${spellings.join('|')})`;
  }
  return out;
}

export type HitSession = StixRow & { ruleHits: readonly ExportRuleHit[] };

/** What an indicator says; its observed-data are found again per session (`relationshipsOf`). */
interface Found {
  pattern: string;
  title: string;
  ruleId: string;
  level: RuleLevel | null;
  field: string;
  value: string;
  /** Whether the rule saw the value only percent-decoded. */
  decoded: boolean;
  firstSeen: number;
}

/** A hit's pattern, whether the rule saw its value only decoded, and the hit. */
interface HitPattern {
  pattern: string;
  decoded: boolean;
  hit: ExportRuleHit & { field: string; value: string };
}

/** The hits of a session that make an indicator: each (rule, pattern) once, keyed by both. */
function patternsOf(s: HitSession): Map<string, HitPattern> {
  const out = new Map<string, HitPattern>();
  if (s.verdict === 'benign' || s.ruleHits.length === 0) return out;
  const http = httpRequestExtension(s);
  for (const hit of s.ruleHits) {
    const at = hit.field === null ? undefined : PATH_OF[hit.field];
    if (!at || hit.field === null || !hit.value) continue;
    const logged = hit.field === 'userAgent' ? http?.request_header?.['User-Agent'] : http?.request_value;
    if (!logged) continue;
    let comparison: string;
    const decoded = !logged.includes(hit.value);
    if (!decoded) comparison = containsComparison(hit.value);
    else {
      const plusIsSpace = PLUS_IS_SPACE[hit.field];
      if (plusIsSpace === undefined) continue;
      const encoded = encodedAnyWay(hit.value, plusIsSpace);
      if (!new RegExp(encoded).test(logged)) continue;
      comparison = `MATCHES ${literal(encoded)}`;
    }
    const pattern = `[${at} ${comparison}]`;
    const key = `${hit.ruleId}\u0000${pattern}`;
    if (!out.has(key))
      out.set(key, { pattern, decoded, hit: { ...hit, field: hit.field, value: hit.value } });
  }
  return out;
}

/**
 * The rule-hit indicators of a case, found in one pass over its sessions (`sessions`, in the order
 * the bundle lists them). Only what each indicator says is kept, one entry per distinct (rule,
 * pattern); the relationships are made again per session from its own hits.
 */
export class RuleHitIndicators {
  private readonly found = new Map<string, Found>();

  constructor(
    sessions: Iterable<HitSession>,
    private readonly common: () => Record<string, unknown>,
    private readonly idOf: IdOf,
  ) {
    for (const s of sessions)
      for (const [key, { pattern, decoded, hit }] of patternsOf(s)) {
        const entry = this.found.get(key);
        if (entry) entry.firstSeen = Math.min(entry.firstSeen, s.startTs);
        else
          this.found.set(key, {
            pattern,
            title: hit.title,
            ruleId: hit.ruleId,
            level: hit.level,
            field: hit.field,
            value: hit.value,
            decoded,
            firstSeen: s.startTs,
          });
      }
  }

  private idOfKey(key: string): string {
    return this.idOf('indicator', `rule ${key}`);
  }

  *indicators(): Generator<StixObject> {
    for (const [key, f] of this.found)
      yield {
        type: 'indicator',
        ...this.common(),
        id: this.idOfKey(key),
        name: f.title,
        description: `Detection rule ${f.ruleId} (${f.level === null ? levelText(null) : `level ${f.level}`}) matched ${f.field} containing "${f.value}"${f.decoded ? ' once percent-decoded' : ''}.`,
        // A rule without a level ranks with informational: what it saw is anomalous, not an attack.
        indicator_types: [
          f.level === null || f.level === 'informational' || f.level === 'low'
            ? 'anomalous-activity'
            : 'malicious-activity',
        ],
        pattern: f.pattern,
        pattern_type: 'stix',
        pattern_version: '2.1',
        valid_from: ts(f.firstSeen),
        // A label is a token, not prose: `level:none` says the rule wrote no level (README "STIX").
        labels: [`sigma:${f.ruleId}`, `level:${f.level ?? 'none'}`],
      };
  }

  /** The indicators `s`'s observed-data (`observedId`) is evidence of, each based on it once. */
  *relationshipsOf(s: HitSession, observedId: string): Generator<StixObject> {
    for (const key of patternsOf(s).keys())
      if (this.found.has(key)) yield basedOn(this.common, this.idOf, this.idOfKey(key), observedId);
  }
}
