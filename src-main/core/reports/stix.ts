// A case as a STIX 2.1 bundle: who made it (identity), the report, one indicator per indicator IP,
// the sessions as observed-data over network-traffic and address objects (an HTTP request as the
// traffic's `http-request-ext`), an indicator per rule-hit value (stix-rule-hits.ts), the analyst's
// verdicts as labels and notes on the observed-data (stix-verdicts.ts), and relationships.
import { createHash, randomUUID } from 'node:crypto';
import { isIPv4 } from '../../../src-shared/ip.js';
import type { CaseReport, ReportSession } from './case-data.js';
import { basedOn, literal, type StixObject, ts } from './stix-common.js';
import { httpRequestExtension } from './stix-http.js';
import { ruleHitIndicators } from './stix-rule-hits.js';
import { verdictLabels, verdictNote } from './stix-verdicts.js';

// STIX 2.1 §2.9: cyber-observable ids are UUIDv5 in this namespace over their id-contributing properties.
const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

function uuidv5(name: string): string {
  const ns = Buffer.from(SCO_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * JSON canonicalized as RFC 8785 (JCS) asks for the names of STIX ids (§2.9): keys sorted, no
 * whitespace, undefined members left out. The values here are strings, integers and plain
 * objects and arrays of them, whose JSON.stringify form is already the canonical one.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

const addrType = (ip: string) => (isIPv4(ip) ? 'ipv4-addr' : 'ipv6-addr');

export function buildStixBundle(report: CaseReport): { type: 'bundle'; id: string; objects: StixObject[] } {
  const { detail, sessions, indicators } = report.data;
  const now = ts(report.generatedAt);
  const identity: StixObject = {
    type: 'identity',
    spec_version: '2.1',
    id: `identity--${randomUUID()}`,
    created: now,
    modified: now,
    name: detail.case.createdBy,
    identity_class: 'individual',
  };
  const common = () => ({ spec_version: '2.1', created: now, modified: now, created_by_ref: identity.id });

  const addresses = new Map<string, StixObject>();
  const address = (ip: string): string => {
    const type = addrType(ip);
    const existing = addresses.get(ip);
    if (existing) return existing.id;
    const sco = {
      type,
      spec_version: '2.1',
      id: `${type}--${uuidv5(canonicalJson({ value: ip }))}`,
      value: ip,
    };
    addresses.set(ip, sco);
    return sco.id;
  };

  const indicatorPairs = indicators.map(
    (i) =>
      // An IP the case only names (a victim, a server) is no sign of attack by itself.
      [
        i.ip,
        {
          type: 'indicator',
          ...common(),
          id: `indicator--${randomUUID()}`,
          name: `Suspicious IP ${i.ip}`,
          description: `Case ${detail.case.id}: ${i.reasons.join(', ')}`,
          indicator_types: [i.malicious ? 'malicious-activity' : 'unknown'],
          pattern: `[${addrType(i.ip)}:value = ${literal(i.ip)}]`,
          pattern_type: 'stix',
          pattern_version: '2.1',
          valid_from: ts(i.firstSeen ?? report.generatedAt),
        },
      ] as const,
  );
  const indicatorObjects = indicatorPairs.map(([, indicator]) => indicator);
  const indicatorByIp = new Map(indicatorPairs);

  const observed: StixObject[] = [];
  const observedBySession = new Map<number, string>();
  // Identical flows get the same deterministic id: keep one object each.
  const traffic = new Map<string, StixObject>();
  const relationships: StixObject[] = [];
  const notes: StixObject[] = [];
  for (const s of sessions) {
    const nt = distinctTraffic(networkTraffic(s, address), traffic);
    traffic.set(nt.id, nt);
    const od: StixObject = {
      type: 'observed-data',
      ...common(),
      id: `observed-data--${randomUUID()}`,
      first_observed: ts(s.startTs),
      last_observed: ts(Math.max(s.endTs, s.startTs)),
      number_observed: 1,
      object_refs: [nt.id, nt.src_ref as string, ...(nt.dst_ref ? [nt.dst_ref as string] : [])],
      ...verdictLabels(s),
    };
    observed.push(od);
    const note = verdictNote(s, common, od.id);
    if (note) notes.push(note);
    observedBySession.set(s.id, od.id);
    for (const ip of new Set([s.srcIp, s.dstIp])) {
      const indicator = ip ? indicatorByIp.get(ip) : undefined;
      if (!indicator) continue;
      relationships.push(basedOn(common, indicator.id, od.id));
    }
  }
  const hitIndicators = ruleHitIndicators(sessions, common, (id) => observedBySession.get(id));
  const content = [
    ...indicatorObjects,
    ...hitIndicators.indicators,
    ...observed,
    ...notes,
    ...traffic.values(),
    ...addresses.values(),
    ...relationships,
    ...hitIndicators.relationships,
  ];
  const reportObject: StixObject = {
    type: 'report',
    ...common(),
    id: `report--${randomUUID()}`,
    name: detail.case.title,
    description: detail.case.summary || undefined,
    report_types: ['threat-report'],
    published: now,
    // The case's tags are labels as they are (severity and status are prefixed, so they stay apart).
    labels: [
      `severity:${detail.case.severity}`,
      `status:${detail.case.status}`,
      ...detail.case.tags.map((t) => t.name),
    ],
    object_refs: content.length ? content.map((o) => o.id) : [identity.id],
  };
  if (reportObject.description === undefined) delete reportObject.description;
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [identity, reportObject, ...content] };
}

/**
 * The id-contributing properties leave out the byte counts, and an access log has no ports: two
 * requests in the same second from one source with the same request line and agent (a retry, a
 * credential-stuffing burst) get one spec id while their byte counts differ. Keeping one object
 * for both would show the other request's bytes on this one's observation, so a traffic object
 * that differs from the one already holding its id is named instead by the UUIDv5 of all its
 * properties: still the same id on every export, and never another session's figures.
 */
function distinctTraffic(nt: StixObject, traffic: Map<string, StixObject>): StixObject {
  const held = traffic.get(nt.id);
  if (held === undefined || canonicalJson(held) === canonicalJson(nt)) return nt;
  const { id: _specId, ...properties } = nt;
  return { ...nt, id: `network-traffic--${uuidv5(canonicalJson(properties))}` };
}

function networkTraffic(s: ReportSession, address: (ip: string) => string): StixObject {
  const http = httpRequestExtension(s);
  const base: Record<string, unknown> = {
    src_ref: address(s.srcIp),
    ...(s.dstIp ? { dst_ref: address(s.dstIp) } : {}),
    ...(s.srcPort !== null ? { src_port: s.srcPort } : {}),
    ...(s.dstPort !== null ? { dst_port: s.dstPort } : {}),
    // An HTTP request runs over TCP over IP (the spec's own example: ipv4, tcp, http).
    protocols: http ? [isIPv4(s.srcIp) ? 'ipv4' : 'ipv6', 'tcp', 'http'] : [protocolName(s)],
    start: ts(s.startTs),
    end: ts(Math.max(s.endTs, s.startTs)),
    ...(http ? { extensions: { 'http-request-ext': http } } : {}),
  };
  const idProps = {
    start: base.start,
    end: base.end,
    src_ref: base.src_ref,
    dst_ref: base.dst_ref,
    src_port: base.src_port,
    dst_port: base.dst_port,
    protocols: base.protocols,
    extensions: base.extensions,
  };
  return {
    type: 'network-traffic',
    spec_version: '2.1',
    id: `network-traffic--${uuidv5(canonicalJson(idProps))}`,
    ...base,
    // bytes_in is what the source sent in; bytes_out what came back to it.
    ...(s.bytesIn !== null ? { src_byte_count: s.bytesIn } : {}),
    ...(s.bytesOut !== null ? { dst_byte_count: s.bytesOut } : {}),
  };
}

/** protocols is required: the log's protocol when it is a plain name (lower case, per the spec), else the IP version. */
function protocolName(s: ReportSession): string {
  const named = s.protocol?.trim().toLowerCase();
  if (named && /^[a-z0-9-]{1,64}$/.test(named)) return named;
  return isIPv4(s.srcIp) ? 'ipv4' : 'ipv6';
}
