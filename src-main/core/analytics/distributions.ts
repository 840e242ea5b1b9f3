import type { Histograms, PortMix } from '../../../src-shared/analytics.js';
import { HIST_METRICS } from '../../../src-shared/analytics-bins.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { histFromRollup, portsFromRollup } from '../db/analytics-mix.js';
import { ANALYTICS_GRANULARITIES } from '../db/analytics-rollups.js';
import { rollupSource, sessionSource } from '../db/analytics-source.js';
import type { Db } from '../db/open.js';
import { planFor, widen } from './plan.js';
import { sessionDigest } from './session-digest-read.js';

const [HOUR, DAY, ALL_TIME] = ANALYTICS_GRANULARITIES;
export const TOP_PORTS = 15;

/** The histogram/port rollups: the all-time bucket without a range, days when the range allows, else widened hours. */
function mixSource(filter: SessionFilter, table: 'rollup_hist' | 'rollup_ports') {
  const plan = planFor(filter);
  if (plan.kind === 'sessions') return { source: sessionSource(filter), widened: false, plan };
  if (plan.from === undefined && plan.to === undefined)
    return { source: rollupSource(table, ALL_TIME, {}, plan.clauses), widened: false, plan };
  const days = widen(plan.from, plan.to, DAY);
  // Histograms have no hour level (see HIST_GRANULARITIES): their ranges widen to whole days.
  const hours = table === 'rollup_ports' && days.widened;
  const range = hours ? widen(plan.from, plan.to, HOUR) : days;
  const granularity = hours ? HOUR : DAY;
  return { source: rollupSource(table, granularity, range, plan.clauses), widened: range.widened, plan };
}

/** Log-scale histograms of bytes in, bytes out and duration. */
export function histograms(db: Db, filter: SessionFilter): Histograms {
  const { source, widened, plan } = mixSource(filter, 'rollup_hist');
  const rows = plan.kind === 'rollup' ? histFromRollup(db, source) : sessionDigest(db, filter).histogram();
  return {
    metrics: HIST_METRICS.map((metric, i) => ({
      metric,
      bins: rows.filter((r) => r.metric === i).map((r) => ({ bin: r.bin, sessions: r.sessions })),
    })),
    widened,
    source: plan.kind,
  };
}

/** Sessions per protocol, and the busiest destination ports. */
export function portMix(db: Db, filter: SessionFilter): PortMix {
  const { source, widened, plan } = mixSource(filter, 'rollup_ports');
  const rows = plan.kind === 'rollup' ? portsFromRollup(db, source) : sessionDigest(db, filter).ports();
  const protocols = new Map<string, number>();
  const ports = new Map<number, number>();
  for (const r of rows) {
    protocols.set(r.protocol, (protocols.get(r.protocol) ?? 0) + r.sessions);
    ports.set(r.dstPort, (ports.get(r.dstPort) ?? 0) + r.sessions);
  }
  const byCount = <K>(map: Map<K, number>) => [...map].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  return {
    protocols: byCount(protocols).map(([protocol, sessions]) => ({ protocol, sessions })),
    ports: byCount(ports)
      .slice(0, TOP_PORTS)
      .map(([dstPort, sessions]) => ({ dstPort, sessions })),
    widened,
    source: plan.kind,
  };
}
