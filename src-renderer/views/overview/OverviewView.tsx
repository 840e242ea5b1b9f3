import { OVERVIEW_POINTS } from '../../../src-shared/time-buckets.js';
import '../../styles/overview.css';
import { ErrorNote } from '../../components/ErrorNote.js';
import { queryState } from '../../data/query-state.js';
import { useDetectionSet } from '../../data/useDetectionSet.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { useFilterAddress } from '../../hooks/useFilterAddress.js';
import { useSessionFilter } from '../../state/filter.js';
import { StartPage } from '../start/StartPage.js';
import { CorrelationChart } from './CorrelationChart.js';
import { FlaggedByCountryChart, TypeByCountryChart } from './CountryCharts.js';
import { FlagKindsPanel } from './FlagKindsPanel.js';
import { HistogramCharts } from './Histograms.js';
import { KpiTiles } from './KpiTiles.js';
import { NoMatchNote } from './NoMatchNote.js';
import { PortMixCharts } from './PortMixCharts.js';
import { RuleHitsPanel } from './RuleHitsPanel.js';
import { TimeSeriesChart } from './TimeSeriesChart.js';
import { useOverviewData } from './useOverviewData.js';
import { WebPanels } from './WebPanels.js';
import { WorldMapChart } from './WorldMapChart.js';

export function OverviewView() {
  useFilterAddress('#/overview', true);
  const filter = useSessionFilter();
  const data = useOverviewData(filter);
  // Its own question: the request panels scan sessions (no rollup holds paths), and the charts
  // above should not wait for them.
  const web = queryState(useVigilQuery('webRequests', { filter }));
  // Bucketed as the Sessions chart is (OVERVIEW_POINTS over the same span), so the bars line up.
  const hits = queryState(useVigilQuery('ruleHitSummary', { filter, maxPoints: OVERVIEW_POINTS }));
  const kinds = queryState(useVigilQuery('flagKinds', { filter }));
  // A rule's term in Top rules is told from every other loaded rule's (the Rules view's list).
  const ruleSets = queryState(useVigilQuery('listRuleSets', {}));
  // Every flag count names the detection set it counts (src-shared/detection-set.ts).
  const flaggedBy = useDetectionSet().name;
  const unfiltered = Object.keys(filter).length === 0;
  if (unfiltered && data.kpis.data?.sessions === 0 && data.kpis.data.firstTs === null) return <StartPage />;
  const fromSessions = data.kpis.data?.source === 'sessions';
  // The span the Sessions chart draws: the charts over time below share it.
  const drawn = data.series.data;
  const extent =
    drawn && drawn.from !== null && drawn.to !== null ? { from: drawn.from, to: drawn.to } : null;
  return (
    <div className="view overview" data-testid="view-overview">
      <header className="view-head">
        <h1>Overview</h1>
        <p className="muted">
          {fromSessions
            ? 'This filter needs individual sessions, so figures are computed from them (slower on large data).'
            : 'Figures come from rollups kept current at import.'}
        </p>
      </header>
      <ErrorNote message={data.error} />
      {!unfiltered && data.kpis.data?.sessions === 0 && <NoMatchNote />}
      <KpiTiles
        kpis={data.kpis.data}
        loading={data.kpis.loading}
        flaggedBy={flaggedBy}
        recorded={data.recorded}
      />
      <section className="panel wide">
        <h2>Sessions and bytes over time</h2>
        <p className="panel-hint muted">
          Drag across the chart to narrow the time range.{flaggedBy && ` Flagged: by ${flaggedBy}.`}
        </p>
        <TimeSeriesChart query={data.series} recorded={data.recorded} />
      </section>
      <WebPanels query={web} extent={extent} />
      <RuleHitsPanel query={hits} extent={extent} ruleSets={ruleSets.data ?? null} />
      <FlagKindsPanel query={kinds} />
      <div className="grid-2">
        <section className="panel">
          <h2>Detection type by country</h2>
          <TypeByCountryChart query={data.typeByCountry} />
        </section>
        <section className="panel">
          <h2>Flagged vs not, by country</h2>
          {flaggedBy && (
            <p className="panel-hint muted" data-testid="flagged-country-by">
              Flagged by {flaggedBy}
            </p>
          )}
          <FlaggedByCountryChart query={data.countries} />
        </section>
      </div>
      <section className="panel wide">
        <h2>Distributions (log scale)</h2>
        {data.histograms.data?.widened && (
          <p className="panel-hint muted">The range is widened to whole days for these histograms.</p>
        )}
        <HistogramCharts query={data.histograms} />
      </section>
      <div className="grid-2">
        <section className="panel">
          <h2>Protocol and destination port mix</h2>
          <PortMixCharts query={data.ports} />
        </section>
        <section className="panel">
          <h2>Feature correlation</h2>
          <p className="panel-hint muted">
            Pearson r over{' '}
            {data.correlation.data ? data.correlation.data.sampleSize.toLocaleString('en-US') : '…'} sampled
            sessions (log of bytes and duration).
          </p>
          <CorrelationChart query={data.correlation} />
        </section>
      </div>
      <section className="panel wide">
        <h2>Source countries</h2>
        <WorldMapChart query={data.countries} />
      </section>
    </div>
  );
}
