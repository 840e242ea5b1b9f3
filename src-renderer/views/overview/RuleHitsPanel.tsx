// The Overview's rule hits: hits per level over time (stacked), and the rules that hit most; a
// click on a rule adds the term that opens exactly its sessions, as the Rules view's hit count does
// (rules/rule-pivot.ts: `sigma:="<title>"`, or its id when another rule shares the title), a click
// on a level (a bar's stack or its count in the hint) adds `level:<name>`; the hint says how many
// sessions that is beside the hits (two rules of one level on a session are two hits, one session).
// Hidden while the filter has no hit.
import { useMemo } from 'react';
import { valueClause } from '../../../src-shared/filter/index.js';
import { levelText, RULE_LEVELS, type RuleHitSummary, type RuleSetInfo } from '../../../src-shared/rules.js';
import { bucketStart } from '../../../src-shared/time-buckets.js';
import { type ChartEvents, EChart } from '../../charts/EChart.js';
import type { TimeExtent } from '../../charts/palette.js';
import type { QueryState } from '../../data/query-state.js';
import { countOf, formatCount } from '../../format.js';
import { addFilterTerm } from '../../state/filter.js';
import { rulePivot } from '../rules/rule-pivot.js';
import { LevelChip } from '../sessions/RuleHits.js';
import { stackedTimeBars } from './stacked-time-bars.js';
import { TopList } from './TopList.js';

// The same colours as the level chips (sessions.css): grey, blue, amber, orange, red.
const LEVEL_COLOURS = ['#6b7480', '#1f6f96', '#a8720f', '#c0502f', '#a3213a'];

function option(summary: RuleHitSummary, extent: TimeExtent | null) {
  // Every bucket of the shared span (a bucket without hits is a gap, as in the Sessions chart), or
  // the buckets with hits before that span is known.
  const times = extent
    ? bucketsOf(extent, summary.bucketMs)
    : [...new Set(summary.points.map((p) => p.t))].sort((a, b) => a - b);
  const hitsAt = (t: number, level: string) =>
    summary.points.find((p) => p.t === t && p.level === level)?.hits ?? 0;
  return stackedTimeBars(
    'hits',
    RULE_LEVELS.map((level, i) => ({
      name: level,
      colour: () => LEVEL_COLOURS[i] ?? '#6b7480',
      data: times.map((t): [number, number] => [t, hitsAt(t, level)]),
    })).filter((stack) => stack.data.some(([, n]) => n > 0)),
    { bucketMs: summary.bucketMs, extent },
  );
}

function bucketsOf({ from, to }: TimeExtent, bucketMs: number): number[] {
  const starts: number[] = [];
  for (let t = bucketStart(from, bucketMs); t < to; t += bucketMs) starts.push(t);
  return starts;
}

/** Keeps only the sessions with a hit at this level (the series are named by level). */
function filterLevel(name: string | undefined): void {
  const level = RULE_LEVELS.find((l) => l === name);
  if (level) addFilterTerm(valueClause('level', level, false));
}

const LEVEL_EVENTS: ChartEvents = {
  click: (params) => filterLevel((params as { seriesName?: string }).seriesName),
};

/**
 * `extent`: the span the Sessions chart draws, which the hits over time share. `ruleSets`: every
 * loaded rule, which a rule's term must tell it from; until they are read, the rules with hits.
 */
export function RuleHitsPanel({
  query,
  extent,
  ruleSets,
}: {
  query: QueryState<RuleHitSummary>;
  extent: TimeExtent | null;
  ruleSets: readonly RuleSetInfo[] | null;
}) {
  const summary = query.data;
  const build = useMemo(() => (summary?.points.length ? option(summary, extent) : null), [summary, extent]);
  if (!summary || summary.total === 0) return null;
  const levels = summary.byLevel.filter((l) => l.hits > 0);
  // The hits of rules that set no level rank with informational: its count says how many of them
  // are such hits, so none is called informational.
  const withNoLevel = (level: string) => level === RULE_LEVELS[0] && summary.noLevelHits > 0;
  return (
    <div className="grid-2" data-testid="rule-hit-panels">
      <section className="panel">
        <h2>Rule hits by level over time</h2>
        <p className="panel-hint muted" data-testid="rule-hit-levels">
          {countOf(summary.total, 'hit')}:{' '}
          {levels.map((l, i) => (
            <span key={l.level}>
              {i > 0 ? ', ' : ''}
              <button
                type="button"
                className="link"
                title={`Filter: level:${l.level}${withNoLevel(l.level) ? ' (finds the hits of rules with no level too)' : ''}`}
                onClick={() => filterLevel(l.level)}
              >
                {formatCount(l.hits)} {l.level}
                {withNoLevel(l.level) ? ` (${formatCount(summary.noLevelHits)} ${levelText(null)})` : ''} in{' '}
                {countOf(l.sessions, 'session')}
              </button>
            </span>
          ))}
          . Click a level to filter its sessions.
        </p>
        <EChart
          testId="chart-rule-hits"
          label="Rule hits by level over time"
          option={build}
          loading={query.loading}
          error={query.error}
          events={LEVEL_EVENTS}
          height={240}
        />
      </section>
      <section className="panel">
        <h2>Top rules</h2>
        <p className="panel-hint muted">Click a rule to filter its sessions (sigma:).</p>
        <TopList
          testId="top-rules"
          empty="No rule hit."
          rows={summary.byRule.map((r) => ({
            key: `${r.source}:${r.ruleId}`,
            label: r.title,
            sessions: r.hits,
            clause: rulePivot(ruleSets ?? [{ rules: summary.byRule }], r).clause,
            extra: <LevelChip level={r.level} />,
          }))}
        />
      </section>
    </div>
  );
}
