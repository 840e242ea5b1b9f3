import { useMemo } from 'react';
import type { CountryTotals, TypeByCountry } from '../../../src-shared/analytics.js';
import type { QueryState } from '../../data/query-state.js';
import { type Stack, StackedBars } from './StackedBars.js';

export const TOP_COUNTRIES = 12;

/** Detection type × country, the busiest countries (the seeds' chart). */
export function TypeByCountryChart({ query }: { query: QueryState<TypeByCountry> }) {
  const shaped = useMemo(() => {
    const cells = query.data?.cells;
    if (!cells) return { countries: null, stacks: [] };
    const totals = new Map<string, number>();
    for (const c of cells) totals.set(c.country, (totals.get(c.country) ?? 0) + c.sessions);
    const countries = [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP_COUNTRIES)
      .map(([c]) => c);
    const types = [...new Set(cells.map((c) => c.detectionType))];
    const stacks: Stack[] = types.map((type) => ({
      name: type === '' ? '(no type)' : type,
      term: { field: 'type', value: type },
      values: countries.map(
        (country) => cells.find((c) => c.country === country && c.detectionType === type)?.sessions ?? 0,
      ),
    }));
    return { countries, stacks };
  }, [query.data]);
  return (
    <StackedBars
      testId="chart-type-country"
      label="Detection type by country"
      {...shaped}
      loading={query.loading}
      error={query.error}
      empty={null}
    />
  );
}

/** Flagged versus not flagged per country; empty until a model run is active. */
export function FlaggedByCountryChart({ query }: { query: QueryState<CountryTotals> }) {
  const shaped = useMemo(() => {
    const rows = query.data?.rows.slice(0, TOP_COUNTRIES);
    if (!rows) return { countries: null, stacks: [] };
    const stacks: Stack[] = [
      { name: 'Flagged', color: (t) => t.danger, values: rows.map((r) => r.flagged) },
      { name: 'Not flagged', color: (t) => t.series[0], values: rows.map((r) => r.sessions - r.flagged) },
    ];
    return { countries: rows.map((r) => r.country), stacks };
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
          ? 'No model run yet: train one in Models to see flagged sessions.'
          : null
      }
    />
  );
}
