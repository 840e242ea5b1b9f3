// Detection type × country cells shaped into one stack per type over the busiest countries.
import type { TypeByCountry } from '../../../src-shared/analytics.js';
import { presenceClause, valueClause } from '../../../src-shared/filter/index.js';
import { categoryColour } from '../../charts/category-colours.js';
import type { Stack } from './StackedBars.js';

export const TOP_COUNTRIES = 12;

export function typeStacks(cells: TypeByCountry['cells']): { countries: string[]; stacks: Stack[] } {
  const totals = new Map<string, number>();
  for (const c of cells) totals.set(c.country, (totals.get(c.country) ?? 0) + c.sessions);
  const countries = [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_COUNTRIES)
    .map(([c]) => c);
  const types = [...new Set(cells.map((c) => c.detectionType))];
  const stacks: Stack[] = types.map((type) => ({
    name: type === '' ? '(no type)' : type,
    // "(no type)" is the sessions without one: `-type:*` (NULL or empty, as the chart groups them).
    term: type === '' ? presenceClause('type', true) : valueClause('type', type, false),
    // By name, not by rank: a type keeps its colour when a filter removes the others.
    color: (theme) => categoryColour(theme, 'type', type),
    values: countries.map(
      (country) => cells.find((c) => c.country === country && c.detectionType === type)?.sessions ?? 0,
    ),
  }));
  return { countries, stacks };
}
