import type { KpiSummary } from '../../../src-shared/analytics.js';
import type { HistMetric } from '../../../src-shared/analytics-bins.js';
import { countOf, formatBytes, formatCount, formatShare } from '../../format.js';

interface Tile {
  id: string;
  label: string;
  value: string;
  raw: number | null;
  note?: string;
}

/**
 * A volume's tile: its sum, or that no session records it (null `recorded`: not known yet). With
 * no session selected there is nothing to say about the logs: the sum is 0.
 */
function volumeTile(
  id: string,
  label: string,
  sum: number,
  sessions: number,
  metric: HistMetric,
  recorded: ReadonlySet<HistMetric> | null,
): Tile {
  if (sum === 0 && sessions > 0 && recorded && !recorded.has(metric))
    return { id, label, value: '—', raw: null, note: 'not in these logs' };
  return { id, label, value: formatBytes(sum), raw: sum };
}

/** `flaggedBy` names the detection set whose flags the Flagged tile counts (src-shared/detection-set.ts). */
function tiles(
  k: KpiSummary,
  flaggedBy: string | undefined,
  recorded: ReadonlySet<HistMetric> | null,
): Tile[] {
  return [
    { id: 'sessions', label: 'Sessions', value: formatCount(k.sessions), raw: k.sessions },
    volumeTile('bytes-in', 'Bytes in', k.bytesIn, k.sessions, 'bytesIn', recorded),
    volumeTile('bytes-out', 'Bytes out', k.bytesOut, k.sessions, 'bytesOut', recorded),
    {
      id: 'sources',
      label: 'Source IPs',
      value: k.sourceIps === null ? '—' : `${k.sourceIpsExact ? '' : '≤ '}${formatCount(k.sourceIps)}`,
      raw: k.sourceIps,
      note:
        k.sourceIps === null
          ? 'not counted for a type filter'
          : k.sourceIpsExact
            ? undefined
            : 'at most: sources active across this range (per-source rollup)',
    },
    { id: 'countries', label: 'Countries', value: formatCount(k.countries), raw: k.countries },
    {
      id: 'flagged',
      label: 'Flagged',
      value: formatShare(k.flagged, k.sessions),
      raw: k.flagged,
      note:
        k.flagged === null
          ? 'nothing flags: no model on, rule hits off'
          : `${countOf(k.flagged, 'session')}${flaggedBy ? ` · by ${flaggedBy}` : ''}`,
    },
    {
      id: 'reviewed',
      label: 'Reviewed',
      value: formatShare(k.reviewed, k.sessions),
      raw: k.reviewed,
      note: k.reviewed === null ? 'verdicts arrive with triage' : countOf(k.reviewed, 'session'),
    },
  ];
}

export function KpiTiles({
  kpis,
  loading,
  flaggedBy,
  recorded = null,
}: {
  kpis: KpiSummary | null;
  loading: boolean;
  flaggedBy?: string;
  /** The volumes some session records (useOverviewData.ts); null while not known. */
  recorded?: ReadonlySet<HistMetric> | null;
}) {
  return (
    <section className="kpis" aria-label="Key figures" data-testid="kpis" data-loading={loading}>
      {kpis
        ? tiles(kpis, flaggedBy, recorded).map((tile) => (
            <div className="kpi" key={tile.id} data-testid={`kpi-${tile.id}`} data-value={tile.raw ?? ''}>
              <span className="kpi-label">{tile.label}</span>
              <span className="kpi-value">{tile.value}</span>
              {tile.note && <span className="kpi-note">{tile.note}</span>}
            </div>
          ))
        : Array.from({ length: 7 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have nothing else to key on.
            <div className="kpi kpi-placeholder" key={i}>
              <span className="kpi-label">{loading ? 'Loading…' : '—'}</span>
            </div>
          ))}
    </section>
  );
}
