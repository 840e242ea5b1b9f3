// Indicators from the rule hits of a case's sessions, where a pattern can say what the rule saw:
// the matched value inside the request target (path and query) or the User-Agent header, as a
// STIX pattern over the traffic's `http-request-ext`. One indicator per (field, value), `based-on`
// the observed-data of every session it was seen on. A hit is left out when the pattern would not
// match its own evidence (a value matched once percent-decoded: the extension keeps the target as
// logged), and on a session an analyst judged benign (a false positive is not shared as an attack).
import { randomUUID } from 'node:crypto';
import { levelText, type RuleLevel } from '../../../src-shared/rules.js';
import type { ReportSession } from './case-data.js';
import { basedOn, literal, type StixObject, ts } from './stix-common.js';
import { httpRequestExtension } from './stix-http.js';

const EXT = "network-traffic:extensions.'http-request-ext'";
/** The object path a hit's field is found at; other fields (a port, a status) make no pattern here. */
const PATH_OF: Record<string, string> = {
  path: `${EXT}.request_value`,
  query: `${EXT}.request_value`,
  userAgent: `${EXT}.request_header.'User-Agent'`,
};

interface Found {
  pattern: string;
  title: string;
  ruleId: string;
  level: RuleLevel | null;
  field: string;
  value: string;
  firstSeen: number;
  observed: Set<string>;
}

export function ruleHitIndicators(
  sessions: readonly ReportSession[],
  common: () => Record<string, unknown>,
  observedOf: (sessionId: number) => string | undefined,
): { indicators: StixObject[]; relationships: StixObject[] } {
  const found = new Map<string, Found>();
  for (const s of sessions) {
    if (s.verdict === 'benign') continue;
    const http = httpRequestExtension(s);
    for (const hit of s.ruleHits) {
      const at = hit.field === null ? undefined : PATH_OF[hit.field];
      // LIKE has no escape for its own wildcards: a value holding % or _ cannot be said exactly.
      if (!at || hit.field === null || !hit.value || /[%_]/.test(hit.value)) continue;
      const logged = hit.field === 'userAgent' ? http?.request_header?.['User-Agent'] : http?.request_value;
      if (!logged?.includes(hit.value)) continue;
      const pattern = `[${at} LIKE ${literal(`%${hit.value}%`)}]`;
      const key = `${hit.ruleId}\u0000${pattern}`;
      const entry = found.get(key) ?? {
        pattern,
        title: hit.title,
        ruleId: hit.ruleId,
        level: hit.level,
        field: hit.field,
        value: hit.value,
        firstSeen: s.startTs,
        observed: new Set<string>(),
      };
      entry.firstSeen = Math.min(entry.firstSeen, s.startTs);
      const od = observedOf(s.id);
      if (od) entry.observed.add(od);
      found.set(key, entry);
    }
  }
  const indicators: StixObject[] = [];
  const relationships: StixObject[] = [];
  for (const f of found.values()) {
    const indicator: StixObject = {
      type: 'indicator',
      ...common(),
      id: `indicator--${randomUUID()}`,
      name: f.title,
      description: `Detection rule ${f.ruleId} (${f.level === null ? levelText(null) : `level ${f.level}`}) matched ${f.field} containing "${f.value}".`,
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
    indicators.push(indicator);
    for (const od of f.observed) relationships.push(basedOn(common, indicator.id, od));
  }
  return { indicators, relationships };
}
