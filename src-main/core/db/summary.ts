import type { DashboardSummary, SessionFilter } from '../../../src-shared/domain.js';
import { recordedVolumes } from './analytics-mix.js';
import type { Db } from './open.js';
import { distinctSources, rollupBy, rollupTotals, storedSpan } from './rollups.js';

/** Overview numbers from the rollup tables only (never a scan of sessions). */
export function dashboardSummary(db: Db, filter: Pick<SessionFilter, 'from' | 'to'>): DashboardSummary {
  const totals = rollupTotals(db, filter.from, filter.to);
  const byCountry = rollupBy(db, 'country', filter.from, filter.to).map((r) => ({
    country: r.key,
    sessions: r.sessions,
  }));
  const recorded = recordedVolumes(db);
  return {
    sessions: totals.sessions,
    bytesIn: totals.bytesIn,
    bytesOut: totals.bytesOut,
    bytesInRecorded: recorded.has('bytesIn'),
    bytesOutRecorded: recorded.has('bytesOut'),
    sourceIps: distinctSources(db),
    countries: byCountry.filter((r) => r.country !== '').length,
    // Without a range the exact span is known; within one, bucket starts are as precise as the rollup.
    ...(filter.from === undefined && filter.to === undefined
      ? storedSpan(db)
      : { firstTs: totals.firstTs, lastTs: totals.lastTs }),
    byCountry,
    byDetectionType: rollupBy(db, 'detection_type', filter.from, filter.to).map((r) => ({
      detectionType: r.key,
      sessions: r.sessions,
    })),
  };
}
