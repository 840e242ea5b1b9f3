// The Overview's rule-hit panel: a click on a level, in the chart (a stack of a bar) or in the
// hint's counts, puts `level:<name>` into the global filter; a click on a rule puts `sigma:`.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { filterStore, setFilterText } from '../../src-renderer/state/filter.js';
import { RuleHitsPanel } from '../../src-renderer/views/overview/RuleHitsPanel.js';
import type { RuleHitSummary } from '../../src-shared/rules.js';

// happy-dom has no 2D canvas for ECharts: a stand-in draws one button per series (a level) that
// fires the chart's click event as ECharts would for a bar of that series.
vi.mock('../../src-renderer/charts/EChart.js', () => ({
  EChart: ({
    option,
    testId,
    events,
  }: {
    option: ((theme: object) => { series: { name: string }[] }) | null;
    testId: string;
    events?: { click?: (params: unknown) => void };
  }) => {
    const theme = { muted: '', danger: '', series: ['', '', ''], border: '', text: '', surface: '' };
    return (
      <div data-testid={testId}>
        {(option ? option(theme).series : []).map((s) => (
          <button key={s.name} type="button" onClick={() => events?.click?.({ seriesName: s.name })}>
            {s.name}
          </button>
        ))}
      </div>
    );
  },
}));

const summary: RuleHitSummary = {
  total: 7,
  bucketMs: 3_600_000,
  points: [
    { t: 0, level: 'high', hits: 5 },
    { t: 0, level: 'medium', hits: 2 },
  ],
  byLevel: [
    { level: 'informational', hits: 0, sessions: 0 },
    { level: 'low', hits: 0, sessions: 0 },
    { level: 'medium', hits: 2, sessions: 2 },
    // Two rules of one level on a session: two hits, one session.
    { level: 'high', hits: 5, sessions: 4 },
    { level: 'critical', hits: 0, sessions: 0 },
  ],
  noLevelHits: 0,
  byRule: [
    { source: 'pack', ruleId: 'r1', title: 'SQL injection', level: 'high', hits: 5 },
    { source: 'pack', ruleId: 'r2', title: 'Scanner user agent', level: 'medium', hits: 2 },
  ],
  source: 'hits',
};
const ready = (data: RuleHitSummary) => ({ data, loading: false, error: null });

beforeEach(() => setFilterText(''));
afterEach(cleanup);

describe('rule-hit panel', () => {
  it('filters by a level clicked in the chart', () => {
    render(<RuleHitsPanel query={ready(summary)} extent={null} ruleSets={null} />);
    const chart = screen.getByTestId('chart-rule-hits');
    fireEvent.click(within(chart).getByRole('button', { name: 'high' }));
    expect(filterStore.get().text).toBe('level:high');
  });

  it('filters by a level clicked in the counts, and adds it to the filter already there', () => {
    setFilterText('method:GET');
    render(<RuleHitsPanel query={ready(summary)} extent={null} ruleSets={null} />);
    const counts = screen.getByTestId('rule-hit-levels');
    expect(
      within(counts)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['2 medium in 2 sessions', '5 high in 4 sessions']);
    fireEvent.click(within(counts).getByRole('button', { name: '2 medium in 2 sessions' }));
    expect(filterStore.get().text).toBe('method:GET level:medium');
  });

  it('says how many informational-rank hits are of rules with no level, and names those rules "no level"', () => {
    const withNoLevel: RuleHitSummary = {
      ...summary,
      total: 3,
      points: [{ t: 0, level: 'informational', hits: 3 }],
      byLevel: [{ level: 'informational', hits: 3, sessions: 3 }],
      noLevelHits: 2,
      byRule: [
        { source: '/rules', ruleId: 'r3', title: 'Back office login', level: null, hits: 2 },
        { source: '/rules', ruleId: 'r4', title: 'Brochure download', level: 'informational', hits: 1 },
      ],
    };
    render(<RuleHitsPanel query={ready(withNoLevel)} extent={null} ruleSets={null} />);
    const counts = screen.getByTestId('rule-hit-levels');
    const button = within(counts).getByRole('button');
    expect(button.textContent).toBe('3 informational (2 no level) in 3 sessions');
    fireEvent.click(button);
    expect(filterStore.get().text).toBe('level:informational');
    const rules = screen.getByTestId('top-rules');
    expect(within(rules).getByText('no level')).toBeTruthy();
    expect(within(rules).getByText('informational')).toBeTruthy();
  });

  it('filters by the title of a rule clicked in the top rules, the whole title', () => {
    render(<RuleHitsPanel query={ready(summary)} extent={null} ruleSets={null} />);
    fireEvent.click(within(screen.getByTestId('top-rules')).getByTitle('Filter: SQL injection'));
    expect(filterStore.get().text).toBe('sigma:="SQL injection"');
  });
});
