// The web-request panels for one filter: the Overview's (hidden when no request was ever stored)
// and an IP's in the Graph side panel (the same answer for the filter `ip:…`).
import type { SessionFilter } from '../../../src-shared/domain.js';
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
  REQUEST_SQL,
  requestSpan,
  statusByBucket,
  topInterned,
  withoutUserAgent,
} from '../db/analytics-web.js';
import type { Db } from '../db/open.js';
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
};

export function webRequestsOverview(db: Db, filter: SessionFilter): WebRequestsOverview {
  if (!anyRequestsStored(db)) return NONE;
  const source = sessionSource(filter, REQUEST_SQL);
  const span = requestSpan(db, source);
  const answer = { ...NONE, hasRequests: true, requests: span.requests };
  if (span.requests === 0 || span.firstTs === null || span.lastTs === null) return answer;
  const from = filter.from ?? span.firstTs;
  const to = filter.to ?? span.lastTs + 1;
  const bucketMs = seriesBucket(Math.max(1, to - from));
  const agents = topInterned(db, source, 'userAgent', null);
  const byClass = new Map<string, number>(USER_AGENT_CLASSES.map((c) => [c, 0]));
  const classified = agents.map((a) => ({
    userAgent: a.value,
    userAgentClass: userAgentClass(a.value),
    sessions: a.n,
  }));
  for (const a of classified)
    byClass.set(a.userAgentClass, (byClass.get(a.userAgentClass) ?? 0) + a.sessions);
  byClass.set('empty', (byClass.get('empty') ?? 0) + withoutUserAgent(db, source));
  return {
    ...answer,
    bucketMs,
    statusSeries: fillStatus(from, to, bucketMs, statusByBucket(db, source, bucketMs)),
    topPaths: topInterned(db, source, 'path', TOP_WEB_VALUES).map((p) => ({ path: p.value, sessions: p.n })),
    userAgentClasses: USER_AGENT_CLASSES.map((c) => ({ userAgentClass: c, sessions: byClass.get(c) ?? 0 })),
    topUserAgents: classified.slice(0, TOP_WEB_VALUES),
    methods: topInterned(db, source, 'method', null).map((m) => ({ method: m.value, sessions: m.n })),
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
