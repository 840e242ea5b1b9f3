import '../../styles/overview.css';
import '../../styles/sources.css';
// The Overview of a remote source: the same charts as the workspace's, from sourceOverview (GROUP BY
// on the engine over the whole table, the filter translated). What only the workspace has (flags,
// rule hits, web panels, correlation of sampled rows) is left out and said so.
import { useMemo, useState } from 'react';
import { recordedMetrics } from '../../../src-shared/analytics-bins.js';
import { partOf, queryState } from '../../data/query-state.js';
import { useSessionFilter } from '../../state/filter.js';
import { TypeByCountryChart } from '../overview/CountryCharts.js';
import { HistogramCharts } from '../overview/Histograms.js';
import { KpiTiles } from '../overview/KpiTiles.js';
import { PortMixCharts } from '../overview/PortMixCharts.js';
import { TimeSeriesChart } from '../overview/TimeSeriesChart.js';
import { WorldMapChart } from '../overview/WorldMapChart.js';
import { PullDialog } from './PullDialog.js';
import { RemoteBanner } from './RemoteBanner.js';
import { useSourceQuery } from './useSourceQuery.js';

export function RemoteOverview({ source }: { source: string }) {
  const filter = useSessionFilter();
  const [pulling, setPulling] = useState(false);
  const query = useSourceQuery('sourceOverview', { source, filter });
  const overview = queryState(query.result);
  const part = <P,>(pick: (o: NonNullable<typeof overview.data>) => P) => partOf(overview, pick);
  const kpis = overview.data?.kpis ?? null;
  // A table that records no bytes in (a Combined log's) says so, as the workspace's Overview does.
  const histograms = overview.data?.histograms;
  const recorded = useMemo(() => (histograms ? recordedMetrics(histograms) : null), [histograms]);
  const notComputed = (query.refusal || query.cancelled) && !overview.data;
  return (
    <div className="view overview" data-testid="view-overview" data-remote={source}>
      <header className="view-head">
        <h1>Overview</h1>
        <p className="muted">
          {overview.data
            ? `Every figure is a GROUP BY on ${source}'s engine over its whole table (${(overview.data.milliseconds / 1000).toFixed(2)} s); no row was copied.`
            : `Every figure is a GROUP BY on ${source}'s engine over its whole table; no row is copied.`}
        </p>
      </header>
      <RemoteBanner source={source} query={query} what="the Overview" onPull={() => setPulling(true)} />
      {/* Tiles of nothing computed would be blank boxes without their names. */}
      {!notComputed && (
        <>
          <KpiTiles kpis={kpis} loading={overview.loading} recorded={recorded} />
          <p className="panel-hint muted">
            Flagged and Reviewed count the workspace's models, rules and verdicts: pull the slice to score and
            triage it.
          </p>
        </>
      )}
      {/* Cancelled before the engine answered, or not asked (a term the source cannot answer): no
          chart would be true, "Nothing to show" least of all. */}
      {query.refusal && !overview.data ? (
        <p className="panel-hint muted" data-testid="remote-not-computed">
          Nothing was computed: the filter has a term {source} cannot answer (above).
        </p>
      ) : query.cancelled && !overview.data ? (
        <p className="panel-hint muted" data-testid="remote-not-computed">
          Nothing was computed: the question was cancelled. Ask again above to see the charts.
        </p>
      ) : (
        <>
          <section className="panel wide">
            <h2>Sessions and bytes over time</h2>
            <p className="panel-hint muted">Drag across the chart to narrow the time range.</p>
            <TimeSeriesChart query={part((o) => o.series)} recorded={recorded} />
          </section>
          <div className="grid-2">
            <section className="panel">
              <h2>Detection type by country</h2>
              <TypeByCountryChart query={part((o) => o.typeByCountry)} />
            </section>
            <section className="panel">
              <h2>Protocol and destination port mix</h2>
              <PortMixCharts query={part((o) => o.ports)} />
            </section>
          </div>
          <section className="panel wide">
            <h2>Distributions (log scale)</h2>
            <HistogramCharts query={part((o) => o.histograms)} />
          </section>
          <section className="panel wide">
            <h2>Source countries</h2>
            <WorldMapChart query={part((o) => o.countries)} />
          </section>
        </>
      )}
      <p className="muted remote-only-local">
        Flags, rule hits, request panels, flag kinds and the feature correlation come from Vigil's models,
        rules and sampled sessions in the workspace: pull the slice to see them.
      </p>
      {pulling && <PullDialog source={source} onClose={() => setPulling(false)} />}
    </div>
  );
}
