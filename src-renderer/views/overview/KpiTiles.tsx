import type { KpiSummary } from '../../../src-shared/analytics.js';
import { countOf, formatBytes, formatCount, formatShare } from '../../format.js';

interface Tile {
  id: string;
  label: string;
  value: string;
  raw: number | null;
  note?: string;
}

/** `flaggedBy` names the detection set whose flags the Flagged tile counts (src-shared/detection-set.ts). */
function tiles(k: KpiSummary, flaggedBy: string | undefined): Tile[] {
  return [
    { id: 'sessions', label: 'Sessions', value: formatCount(k.sessions), raw: k.sessions },
    { id: 'bytes-in', label: 'Bytes in', value: formatBytes(k.bytesIn), raw: k.bytesIn },
    { id: 'bytes-out', label: 'Bytes out', value: formatBytes(k.bytesOut), raw: k.bytesOut },
    {
      id: 'sources',
      label: 'Source IPs',
      value: k.sourceIps === null ? '—' : `${k.sourceIpsExact ? '' : '≈ '}${formatCount(k.sourceIps)}`,
      raw: k.sourceIps,
      note:
        k.sourceIps === null
          ? 'not counted for a type filter'
          : k.sourceIpsExact
            ? undefined
            : 'estimate from the per-source rollup',
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
}: {
  kpis: KpiSummary | null;
  loading: boolean;
  flaggedBy?: string;
}) {
  return (
    <section className="kpis" aria-label="Key figures" data-testid="kpis" data-loading={loading}>
      {kpis
        ? tiles(kpis, flaggedBy).map((tile) => (
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
