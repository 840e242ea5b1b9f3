import { useMemo } from 'react';
import type { CountryTotals, TypeByCountry } from '../../../src-shared/analytics.js';
import { valueClause } from '../../../src-shared/filter/index.js';
import type { QueryState } from '../../data/query-state.js';
import { type Stack, StackedBars } from './StackedBars.js';
import { TOP_COUNTRIES, typeStacks } from './type-stacks.js';

/**
 * Said instead of the chart when no session records a detection type (access logs, flow logs):
 * one "(no type)" stack per country would only repeat the sessions by country.
 */
export function untypedNote(cells: TypeByCountry['cells']): string | null {
  return cells.length > 0 && cells.every((cell) => cell.detectionType === '')
    ? 'No detection type recorded in these sessions.'
    : null;
}

/** Detection type × country, the busiest countries (the seeds' chart). */
export function TypeByCountryChart({ query }: { query: QueryState<TypeByCountry> }) {
  const shaped = useMemo(() => {
    const cells = query.data?.cells;
    return cells ? typeStacks(cells) : { countries: null, stacks: [] };
  }, [query.data]);
  return (
    <StackedBars
      testId="chart-type-country"
      label="Detection type by country"
      {...shaped}
      loading={query.loading}
      error={query.error}
      empty={query.data ? untypedNote(query.data.cells) : null}
    />
  );
}

/**
 * The two stacks of the flagged chart. Each carries its `flagged:` term, so a click on a segment
 * selects the sessions it counted (country:US flagged:yes), not the whole country.
 */
export function flaggedStacks(rows: CountryTotals['rows']): Stack[] {
  return [
    {
      name: 'Flagged',
      term: valueClause('flagged', 'yes', false),
      color: (t) => t.danger,
      values: rows.map((r) => r.flagged),
    },
    {
      name: 'Not flagged',
      term: valueClause('flagged', 'no', false),
      color: (t) => t.series[0],
      values: rows.map((r) => r.sessions - r.flagged),
    },
  ];
}

/** Flagged versus not flagged per country; empty until a model run is active. */
export function FlaggedByCountryChart({ query }: { query: QueryState<CountryTotals> }) {
  const shaped = useMemo(() => {
    const rows = query.data?.rows.slice(0, TOP_COUNTRIES);
    if (!rows) return { countries: null, stacks: [] };
    return { countries: rows.map((r) => r.country), stacks: flaggedStacks(rows) };
  }, [query.data]);
  return (
    <StackedBars
      testId="chart-flagged-country"
      label="Flagged and not flagged sessions by country"
      {...shaped}
      loading={query.loading}
      error={query.error}
      empty={
        query.data && !query.data.hasModel
          ? 'Nothing flags: no model is on and rule hits are off (top bar, Flagged by).'
          : null
      }
    />
  );
}
