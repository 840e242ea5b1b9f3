// The web-request panels for one filter: the Overview's (hidden when no request was ever stored)
// and an IP's in the Graph side panel (the same answer for the filter `ip:…`).
import type { SessionFilter } from '../../../src-shared/domain.js';
import { filterOnlyUses } from '../../../src-shared/filter/shape.js';
import { bucketStart } from '../../../src-shared/time-buckets.js';
import { USER_AGENT_CLASSES, userAgentClass } from '../../../src-shared/user-agent-class.js';
import {
  STATUS_CLASSES,
  TOP_WEB_VALUES,
  type WebRequestsOverview,
} from '../../../src-shared/web-requests.js';
import { sessionSource } from '../db/analytics-source.js';
import {
  anyRequestsStored,
  type InternedName,
  interned,
  REQUEST_SQL,
  type RequestSpan,
  requestSpan,
  type StatusCell,
  statusByBucket,
  topInterned,
  userAgentClassCounts,
  type ValueCount,
} from '../db/analytics-web.js';
import type { Db } from '../db/open.js';
import { chartSpan } from '../db/rollups.js';
import {
  rolledUpRequestSpan,
  rolledUpStatusByBucket,
  rolledUpTop,
  rolledUpUserAgentClasses,
} from '../db/web-rollups.js';
import { seriesBucket } from './plan.js';

const NONE: WebRequestsOverview = {
  hasRequests: false,
  requests: 0,
  bucketMs: 60_000,
  statusSeries: [],
  topPaths: [],
  userAgentClasses: [],
  topUserAgents: [],
  methods: [],
  otherMethods: { methods: 0, sessions: 0 },
};

/** Where the panels' numbers come from: the web rollups, or a scan of the filtered sessions. */
interface WebReads {
  span(): RequestSpan;
  statusByBucket(size: number): StatusCell[];
  top(name: InternedName, limit: number | null): ValueCount[];
  /** Requests per user-agent class (USER_AGENT_CLASSES; `empty` holds those without one). */
  userAgentClasses(): Map<string, number>;
}

// The rollups hold finished imports only (db/staged-rollups.ts): that scope is already met.
const ROLLUP_FILTER = ['unfinishedImports'];

/** The rollups for the unfiltered view (a few reads at any size); the sessions for any filter. */
function readsFor(db: Db, filter: SessionFilter): WebReads {
  if (filterOnlyUses(filter, ROLLUP_FILTER))
    return {
      span: () => rolledUpRequestSpan(db),
      statusByBucket: (size) => rolledUpStatusByBucket(db, size),
      top: (name, limit) => rolledUpTop(db, name, interned(name).dictionary, limit),
      // Grouped by the class stored with each user agent: no list of every agent is read.
      userAgentClasses: () => rolledUpUserAgentClasses(db, 'empty'),
    };
  const source = sessionSource(filter, REQUEST_SQL);
  return {
    span: () => requestSpan(db, source),
    statusByBucket: (size) => statusByBucket(db, source, size),
    top: (name, limit) => topInterned(db, source, name, limit),
    userAgentClasses: () => userAgentClassCounts(db, source, 'empty'),
  };
}

export function webRequestsOverview(db: Db, filter: SessionFilter): WebRequestsOverview {
  if (!anyRequestsStored(db)) return NONE;
  const reads = readsFor(db, filter);
  const span = reads.span();
  const answer = { ...NONE, hasRequests: true, requests: span.requests };
  if (span.requests === 0 || span.firstTs === null || span.lastTs === null) return answer;
  // The axis the Sessions chart draws (every stored session's span without a range), so a status
  // class's bar stands under the sessions it counts.
  const { from, to } = chartSpan(db, filter) ?? { from: span.firstTs, to: span.lastTs + 1 };
  const bucketMs = seriesBucket(Math.max(1, to - from));
  const byClass = reads.userAgentClasses();
  // Every method is read (a handful in a normal log) so the ones left out can be counted.
  const methods = reads.top('method', null);
  const leftOut = methods.slice(TOP_WEB_VALUES);
  return {
    ...answer,
    bucketMs,
    statusSeries: fillStatus(from, to, bucketMs, reads.statusByBucket(bucketMs)),
    topPaths: reads.top('path', TOP_WEB_VALUES).map((p) => ({ path: p.value, sessions: p.n })),
    userAgentClasses: USER_AGENT_CLASSES.map((c) => ({ userAgentClass: c, sessions: byClass.get(c) ?? 0 })),
    topUserAgents: reads.top('userAgent', TOP_WEB_VALUES).map((a) => ({
      userAgent: a.value,
      userAgentClass: userAgentClass(a.value),
      sessions: a.n,
    })),
    methods: methods.slice(0, TOP_WEB_VALUES).map((m) => ({ method: m.value, sessions: m.n })),
    otherMethods: { methods: leftOut.length, sessions: leftOut.reduce((sum, m) => sum + m.n, 0) },
  };
}

/** Every bucket from `from` to `to`, zeros where nothing happened, so gaps show as gaps. */
function fillStatus(
  from: number,
  to: number,
  size: number,
  cells: { t: number; digit: number; n: number }[],
) {
  const byT = new Map<number, number[]>();
  for (const { t, digit, n } of cells) {
    const counts = byT.get(t) ?? STATUS_CLASSES.map(() => 0);
    counts[digit - 1] = n;
    byT.set(t, counts);
  }
  const points: WebRequestsOverview['statusSeries'] = [];
  for (let t = bucketStart(from, size); t < to; t += size)
    points.push({ t, counts: byT.get(t) ?? STATUS_CLASSES.map(() => 0) });
  return points;
}
