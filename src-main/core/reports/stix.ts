// A case as a STIX 2.1 bundle: who made it (identity), the report, one indicator per indicator IP,
// the sessions as observed-data over network-traffic and address objects (an HTTP request as the
// traffic's `http-request-ext`), an indicator per rule-hit value (stix-rule-hits.ts), the analyst's
// verdicts as labels and notes on the observed-data (stix-verdicts.ts), and relationships.
//
// The bundle is written as it is made, never held: a case of 20 000 sessions built as objects and
// serialised at once took 428 MB, and twice the sessions twice the memory. Each kind of object is
// made in a pass over the case's sessions, read from SQLite as they go (oldest first), and the
// report, which comes before them and lists them all, is made by the same passes once more. So an
// object must come out the same on each pass without being kept: cyber-observables are named by
// their content (UUIDv5, §2.9) and the others by what they stand for under a key of this export
// (stix-common.ts exportIds). What is kept across the passes is small: the indicators, and the
// traffic of one start time (the only traffic an object can share an id with).
import { randomUUID } from 'node:crypto';
import type { Case } from '../../../src-shared/cases.js';
import { canonicalIp, isIPv4 } from '../../../src-shared/ip.js';
import type { Indicator } from '../db/case-totals.js';
import type { StixRow } from '../db/session-export.js';
import { jsonPieces, streamedArray } from './json-stream.js';
import { basedOn, exportIds, literal, type StixObject, ts, uuidv5 } from './stix-common.js';
import { httpRequestExtension } from './stix-http.js';
import { type HitSession, RuleHitIndicators } from './stix-rule-hits.js';
import { verdictLabels, verdictNote } from './stix-verdicts.js';

/**
 * What a case's bundle is made from. The sessions are passes over the case, oldest first (start
 * time, then id): every call reads them anew, and the caller makes every call read the same
 * sessions (one read transaction).
 */
export interface StixCase {
  case: Pick<Case, 'id' | 'title' | 'summary' | 'severity' | 'status' | 'createdBy' | 'tags'>;
  indicators: readonly Indicator[];
  generatedAt: number;
  sessionIds: () => Iterable<number>;
  sessions: () => Iterable<StixRow>;
  /** The sessions with an analyst's verdict. */
  judgedSessions: () => Iterable<StixRow>;
  /** The sessions with a rule hit, each with its hits. */
  hitSessions: () => Iterable<HitSession>;
  /** The sessions from or to one of these addresses, each in any text form a log wrote it in. */
  sessionsTouching: (ips: readonly string[]) => Iterable<StixRow>;
  /** The distinct addresses of the case's sessions: their sources, and their destinations where logged. */
  addresses: () => Iterable<string>;
}

/** Objects of one kind, made in a pass; `ids` says their ids in the same order, maybe more cheaply. */
interface Part {
  objects: () => Iterable<StixObject>;
  ids?: () => Iterable<string>;
}

function* idsOf(objects: Iterable<StixObject>): Generator<string> {
  for (const o of objects) yield o.id;
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
const addressId = (ip: string) => `${addrType(ip)}--${uuidv5(canonicalJson({ value: ip }))}`;

/** The bundle's JSON text, as `JSON.stringify(bundle, null, 2)` and a newline, in pieces as it is made. */
export function* stixBundleJson(source: StixCase): Generator<string> {
  yield* jsonPieces({
    type: 'bundle',
    id: `bundle--${randomUUID()}`,
    objects: streamedArray(bundleObjects(source)),
  });
  yield '\n';
}

/** The identity, the report, then the content: IP and rule-hit indicators, observations, notes, traffic, addresses, relationships. */
function* bundleObjects(source: StixCase): Generator<StixObject> {
  const { case: c, generatedAt } = source;
  const now = ts(generatedAt);
  const idOf = exportIds();
  const identity: StixObject = {
    type: 'identity',
    spec_version: '2.1',
    id: `identity--${randomUUID()}`,
    created: now,
    modified: now,
    name: c.createdBy,
    identity_class: 'individual',
  };
  const common = () => ({ spec_version: '2.1', created: now, modified: now, created_by_ref: identity.id });
  const observedId = (sessionId: number) => idOf('observed-data', String(sessionId));

  // An IP the case only names (a victim, a server) is no sign of attack by itself.
  const ipIndicators: StixObject[] = source.indicators.map((i) => ({
    type: 'indicator',
    ...common(),
    id: idOf('indicator', `ip ${i.ip}`),
    name: `Suspicious IP ${i.ip}`,
    description: `Case ${c.id}: ${i.reasons.join(', ')}`,
    indicator_types: [i.malicious ? 'malicious-activity' : 'unknown'],
    pattern: `[${addrType(i.ip)}:value = ${literal(i.ip)}]`,
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: ts(i.firstSeen ?? generatedAt),
  }));
  // By address: an indicator is every text form its sessions wrote it in (db/case-totals.ts).
  const indicatorOfIp = new Map(
    source.indicators.map((i) => [canonicalIp(i.ip), { ip: i.ip, id: idOf('indicator', `ip ${i.ip}`) }]),
  );
  const hits = new RuleHitIndicators(source.hitSessions(), common, idOf);

  const parts: Part[] = [
    { objects: () => ipIndicators },
    { objects: () => hits.indicators() },
    {
      *objects() {
        const names = new TrafficNames();
        for (const s of source.sessions()) {
          const nt = names.name(s).traffic;
          yield {
            type: 'observed-data',
            ...common(),
            id: observedId(s.id),
            first_observed: ts(s.startTs),
            last_observed: ts(Math.max(s.endTs, s.startTs)),
            number_observed: 1,
            object_refs: [nt.id, nt.src_ref as string, ...(nt.dst_ref ? [nt.dst_ref as string] : [])],
            ...verdictLabels(s),
          };
        }
      },
      *ids() {
        for (const id of source.sessionIds()) yield observedId(id);
      },
    },
    {
      *objects() {
        for (const s of source.judgedSessions()) {
          const note = verdictNote(s, common, idOf, observedId(s.id));
          if (note) yield note;
        }
      },
    },
    {
      *objects() {
        const names = new TrafficNames();
        for (const s of source.sessions()) {
          const { traffic, first } = names.name(s);
          if (first) yield traffic;
        }
      },
    },
    {
      *objects() {
        for (const ip of source.addresses())
          yield { type: addrType(ip), spec_version: '2.1', id: addressId(ip), value: ip };
      },
    },
    {
      *objects() {
        if (indicatorOfIp.size === 0) return;
        const ips = [...indicatorOfIp.values()].map((i) => i.ip);
        for (const s of source.sessionsTouching(ips)) {
          const addresses = new Set([s.srcIp, s.dstIp].flatMap((ip) => (ip ? [canonicalIp(ip)] : [])));
          for (const address of addresses) {
            const indicator = indicatorOfIp.get(address);
            if (indicator) yield basedOn(common, idOf, indicator.id, observedId(s.id));
          }
        }
      },
    },
    {
      *objects() {
        for (const s of source.hitSessions()) yield* hits.relationshipsOf(s, observedId(s.id));
      },
    },
  ];
  function* refs() {
    let none = true;
    for (const part of parts)
      for (const id of part.ids ? part.ids() : idsOf(part.objects())) {
        none = false;
        yield id;
      }
    if (none) yield identity.id;
  }

  yield identity;
  const report: StixObject = {
    type: 'report',
    ...common(),
    id: `report--${randomUUID()}`,
    name: c.title,
    description: c.summary || undefined,
    report_types: ['threat-report'],
    published: now,
    // The case's tags are labels as they are (severity and status are prefixed, so they stay apart).
    labels: [`severity:${c.severity}`, `status:${c.status}`, ...c.tags.map((t) => t.name)],
    object_refs: streamedArray(refs()),
  };
  if (report.description === undefined) delete report.description;
  yield report;
  for (const part of parts) yield* part.objects();
}

/**
 * Names each session's traffic as the bundle has always named it over the whole case, holding only
 * the traffic of the current start time: sessions come oldest first, and `start` is one of the id
 * properties, so traffic of another start time never has the same id.
 *
 * The id-contributing properties leave out the byte counts, and an access log has no ports: two
 * requests in the same second from one source with the same request line and agent (a retry, a
 * credential-stuffing burst) get one spec id while their byte counts differ. Keeping one object
 * for both would show the other request's bytes on this one's observation, so a traffic object
 * that differs from the one already holding its id is named instead by the UUIDv5 of all its
 * properties: still the same id on every export, and never another session's figures.
 */
class TrafficNames {
  private start = '';
  /** Spec id → the traffic that holds it, of this start time. */
  private readonly held = new Map<string, StixObject>();
  /** Ids given out at this start time. */
  private readonly given = new Set<string>();

  /** The session's traffic object, and whether it is the first session of the pass with that object. */
  name(s: StixRow): { traffic: StixObject; first: boolean } {
    const nt = networkTraffic(s);
    if (nt.start !== this.start) {
      this.start = nt.start as string;
      this.held.clear();
      this.given.clear();
    }
    const held = this.held.get(nt.id);
    let traffic = nt;
    if (held === undefined) this.held.set(nt.id, nt);
    else if (canonicalJson(held) !== canonicalJson(nt)) {
      const { id: _specId, ...properties } = nt;
      traffic = { ...nt, id: `network-traffic--${uuidv5(canonicalJson(properties))}` };
    }
    const first = !this.given.has(traffic.id);
    this.given.add(traffic.id);
    return { traffic, first };
  }
}

function networkTraffic(s: StixRow): StixObject {
  const http = httpRequestExtension(s);
  const base: Record<string, unknown> = {
    src_ref: addressId(s.srcIp),
    ...(s.dstIp ? { dst_ref: addressId(s.dstIp) } : {}),
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
function protocolName(s: StixRow): string {
  const named = s.protocol?.trim().toLowerCase();
  if (named && /^[a-z0-9-]{1,64}$/.test(named)) return named;
  return isIPv4(s.srcIp) ? 'ipv4' : 'ipv6';
}
