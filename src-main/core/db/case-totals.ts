// What a case report counts, over every session of the case (SQL aggregates, not the rows the
// report lists): its sessions over time, by country and by verdict, and the figures of its
// indicator IPs. A report of a 3 000-session case counted the first 2 000 before, and a verdict on
// a later session vanished from its charts and indicators.
import type { CaseBucket, CaseOverview } from '../../../src-shared/cases.js';
import { canonicalIp } from '../../../src-shared/ip.js';
import { caseTimelineBucket } from '../../../src-shared/time-buckets.js';
import type { IocKind } from '../../../src-shared/triage.js';
import { addressKeysParam, anyAddressSql } from './address-sql.js';
import { iocMatchesOf } from './ioc.js';
import type { Db } from './open.js';
import { type SessionSelection, selectionWhere } from './session-export.js';

export interface CaseTotals {
  sessions: number;
  /** Sessions that carry an HTTP request, and rule hits on any session. */
  requests: number;
  ruleHits: number;
  /** Sessions per bucket of `step` ms (caseTimelineBucket), oldest first; null without sessions. */
  timeline: { step: number; buckets: CaseBucket[] } | null;
  /** Sessions per country ('' for none: src-shared/country-label.ts), most first: the shape the app's case view reads too. */
  countries: CaseOverview['countries'];
  /** Sessions per verdict ('no verdict' without one), most first. */
  verdicts: [string, number][];
}

export interface Indicator {
  ip: string;
  reasons: string[];
  /** Sessions of the case from or to the IP, and when the first started and the last ended. */
  sessions: number;
  firstSeen: number | null;
  lastSeen: number | null;
  iocLists: { list: string; kind: IocKind }[];
  /** Whether an analyst's verdict or a known-bad list says the IP is malicious (not only named). */
  malicious: boolean;
}

const byCountDesc = (a: [string, number], b: [string, number]) => b[1] - a[1] || a[0].localeCompare(b[0]);

export function caseTotals(db: Db, selection: SessionSelection): CaseTotals {
  const { sql, params } = selectionWhere(db, selection);
  const span = db
    .prepare(`SELECT count(*) AS n, min(start_ts) AS first, max(start_ts) AS last FROM sessions WHERE ${sql}`)
    .get(params) as { n: number; first: number | null; last: number | null };
  const grouped = (expression: string, join = '') =>
    (
      db
        .prepare(`SELECT ${expression} AS key, count(*) AS n FROM sessions ${join} WHERE ${sql} GROUP BY 1`)
        .raw(true)
        .all(params) as [string, number][]
    ).sort(byCountDesc);
  let timeline: CaseTotals['timeline'] = null;
  if (span.first !== null && span.last !== null) {
    const step = caseTimelineBucket(span.last - span.first);
    const buckets = db
      .prepare(
        `SELECT CAST(start_ts / @step AS INTEGER) * @step AS bucket, count(*) AS sessions,
           count(*) FILTER (WHERE verdicts.verdict = 'malicious') AS malicious
         FROM sessions LEFT JOIN verdicts ON verdicts.session_id = sessions.id
         WHERE ${sql} GROUP BY 1 ORDER BY 1`,
      )
      .all({ ...params, step }) as CaseBucket[];
    timeline = { step, buckets };
  }
  const requests = db
    .prepare(
      `SELECT count(*) FROM sessions WHERE ${sql}
         AND (request_line IS NOT NULL OR method_id IS NOT NULL OR path_id IS NOT NULL)`,
    )
    .pluck()
    .get(params) as number;
  const ruleHits = db
    .prepare(
      `SELECT count(*) FROM rule_hits WHERE session_id IN (SELECT sessions.id FROM sessions WHERE ${sql})`,
    )
    .pluck()
    .get(params) as number;
  return {
    sessions: span.n,
    requests,
    ruleHits,
    timeline,
    countries: grouped(`coalesce(country, '')`).map(([country, sessions]) => ({ country, sessions })),
    verdicts: grouped(
      `coalesce(verdicts.verdict, 'no verdict')`,
      'LEFT JOIN verdicts ON verdicts.session_id = sessions.id',
    ),
  };
}

/**
 * The case's indicator IPs: those it names, the sources of its sessions an analyst judged
 * malicious, and any of its addresses on a known-bad IOC list; each with its figures in the case.
 * One indicator per address, whichever text forms its sessions wrote it in (`2001:DB8::3` and
 * `2001:db8::3`, `::ffff:10.1.2.3` and `10.1.2.3`), as the case holds it and its graph draws it:
 * named as the case names it (the text the analyst gave), else by its one text (canonicalIp); its
 * figures and IOC lists those of every form.
 */
export function caseIndicators(db: Db, selection: SessionSelection, namedIps: string[]): Indicator[] {
  const { sql, params } = selectionWhere(db, selection);
  const byAddress = new Map<string, { ip: string; texts: Set<string>; reasons: Set<string> }>();
  const addressOf = (text: string, named = false) => {
    const address = canonicalIp(text);
    let found = byAddress.get(address);
    if (found === undefined) {
      found = { ip: named ? text : address, texts: new Set(), reasons: new Set() };
      byAddress.set(address, found);
    }
    found.texts.add(text);
    return found;
  };
  for (const ip of namedIps) addressOf(ip, true).reasons.add('case item');
  const judged = db
    .prepare(
      `SELECT DISTINCT src_ip FROM sessions JOIN verdicts ON verdicts.session_id = sessions.id
       WHERE ${sql} AND verdicts.verdict = 'malicious'`,
    )
    .pluck()
    .all(params) as string[];
  for (const ip of judged) addressOf(ip).reasons.add('malicious verdict');
  const addresses = db
    .prepare(
      `SELECT src_ip FROM sessions WHERE ${sql}
       UNION SELECT dst_ip FROM sessions WHERE ${sql} AND dst_ip IS NOT NULL`,
    )
    .pluck()
    .all(params) as string[];
  const ioc = iocMatchesOf(db, [...new Set([...addresses, ...namedIps, ...judged])]);
  const listsOf = new Map<string, Indicator['iocLists']>();
  for (const [ip, matches] of ioc) {
    const found = addressOf(ip);
    const lists = listsOf.get(found.ip) ?? [];
    for (const m of matches) {
      if (m.kind === 'known_bad') found.reasons.add(`IOC list ${m.list}`);
      if (!lists.some((l) => l.list === m.list && l.kind === m.kind)) lists.push(m);
    }
    listsOf.set(found.ip, lists);
  }
  const seen = db.prepare(
    `SELECT count(*) AS sessions, min(start_ts) AS firstSeen, max(max(end_ts, start_ts)) AS lastSeen
     FROM sessions WHERE ${sql} AND (${anyAddressSql('src_ip', 'indicatorKeys')} OR ${anyAddressSql('dst_ip', 'indicatorKeys')})`,
  );
  // An address only an IOC list of known good names is no indicator (as before: only reasons make one).
  return [...byAddress.values()]
    .filter((found) => found.reasons.size > 0)
    .map(({ ip, reasons }) => {
      const figures = seen.get({ ...params, indicatorKeys: addressKeysParam([ip]) }) as Pick<
        Indicator,
        'sessions' | 'firstSeen' | 'lastSeen'
      >;
      const list = [...reasons].sort();
      return {
        ip,
        reasons: list,
        ...figures,
        iocLists: listsOf.get(ip) ?? [],
        malicious: list.some((reason) => reason !== 'case item'),
      };
    });
}
