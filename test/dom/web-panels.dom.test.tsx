// The Overview's web-request panels: hidden without requests; ranked paths, user agents (with
// their class) and methods; a click on a row or a user-agent class puts its term into the global
// filter.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { filterStore, setFilterText } from '../../src-renderer/state/filter.js';
import { WebPanels } from '../../src-renderer/views/overview/WebPanels.js';
import type { WebRequestsOverview } from '../../src-shared/web-requests.js';

// happy-dom has no 2D canvas for ECharts: a stand-in lists the series (status classes) it would draw.
vi.mock('../../src-renderer/charts/EChart.js', () => ({
  EChart: ({
    option,
    testId,
  }: {
    option: ((theme: object) => { series: { name: string }[] }) | null;
    testId: string;
  }) => {
    const theme = { muted: '', danger: '', series: ['', '', ''], border: '', text: '', surface: '' };
    return (
      <div data-testid={testId}>
        {option
          ? option(theme)
              .series.map((s) => s.name)
              .join(' ')
          : ''}
      </div>
    );
  },
}));

const SQLMAP = 'sqlmap/1.8#stable (https://sqlmap.org)';
const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const web: WebRequestsOverview = {
  hasRequests: true,
  requests: 100,
  bucketMs: 3_600_000,
  statusSeries: [{ t: 0, counts: [0, 60, 10, 25, 5] }],
  topPaths: [
    { path: '/login', sessions: 40 },
    { path: '/index.html', sessions: 20 },
  ],
  userAgentClasses: [
    { userAgentClass: 'browser', sessions: 50 },
    { userAgentClass: 'bot', sessions: 10 },
    { userAgentClass: 'tool', sessions: 30 },
    { userAgentClass: 'empty', sessions: 10 },
  ],
  topUserAgents: [
    { userAgent: CHROME, userAgentClass: 'browser', sessions: 50 },
    { userAgent: SQLMAP, userAgentClass: 'tool', sessions: 30 },
  ],
  methods: [
    { method: 'GET', sessions: 90 },
    { method: 'POST', sessions: 10 },
  ],
  otherMethods: { methods: 0, sessions: 0 },
};
const ready = (data: WebRequestsOverview) => ({ data, loading: false, error: null });

beforeEach(() => setFilterText(''));
afterEach(cleanup);

describe('web-request panels', () => {
  it('are not drawn when the data holds no request', () => {
    render(<WebPanels query={ready({ ...web, hasRequests: false, requests: 0 })} extent={null} />);
    expect(screen.queryByTestId('web-panels')).toBeNull();
  });

  it('rank paths, user agents with their class, and methods', () => {
    render(<WebPanels query={ready(web)} extent={null} />);
    // Classes no request has (1xx here) stay out of the chart's legend.
    expect(screen.getByTestId('chart-status-classes').textContent).toBe('2xx 3xx 4xx 5xx');
    const paths = within(screen.getByTestId('top-paths')).getAllByRole('listitem');
    expect(paths.map((li) => li.textContent)).toEqual(['/login40', '/index.html20']);
    const agents = within(screen.getByTestId('top-user-agents')).getAllByRole('listitem');
    expect(agents.map((li) => li.textContent)).toEqual([`${CHROME}browser50`, `${SQLMAP}tool30`]);
    const classes = screen.getByTestId('ua-classes');
    expect(within(classes).getByText('tool').closest('li')?.textContent).toBe('tool 30 (30 %)');
    expect(
      within(screen.getByTestId('methods'))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['GET90', 'POST10']);
  });

  it('say how many methods and requests the Methods list leaves out, only when it leaves some', () => {
    render(<WebPanels query={ready(web)} extent={null} />);
    expect(screen.queryByTestId('other-methods')).toBeNull();
    cleanup();
    const fuzzed = { ...web, otherMethods: { methods: 212, sessions: 1_304 } };
    render(<WebPanels query={ready(fuzzed)} extent={null} />);
    expect(screen.getByTestId('other-methods').textContent).toBe(
      '212 more methods not listed, 1,304 requests. Type method: in the filter bar to find one.',
    );
  });

  it('say how many requests the status chart leaves out (no status, 000, a code past 599)', () => {
    // 100 requests, 95 with a status class: the hint's total would not be the bars' sum unsaid.
    const unclassed = { ...web, statusSeries: [{ t: 0, counts: [0, 60, 10, 20, 5] }] };
    render(<WebPanels query={ready(unclassed)} extent={null} />);
    expect(screen.getByTestId('status-hint').textContent).toBe(
      '100 requests, 5 without a status code from 100 to 599 (not drawn). Click a class to filter by its codes.',
    );
    cleanup();
    render(<WebPanels query={ready(web)} extent={null} />);
    expect(screen.getByTestId('status-hint').textContent).toBe(
      '100 requests. Click a class to filter by its codes.',
    );
  });

  it('add the clicked path, user agent and method to the global filter, each as that whole value', () => {
    render(<WebPanels query={ready(web)} extent={null} />);
    fireEvent.click(within(screen.getByTestId('top-paths')).getByText('/login'));
    fireEvent.click(within(screen.getByTestId('top-user-agents')).getByText(SQLMAP));
    fireEvent.click(within(screen.getByTestId('methods')).getByText('POST'));
    expect(filterStore.get().text).toBe(`path:=/login ua:="${SQLMAP}" method:POST`);
    expect(filterStore.get().error).toBeNull();
    expect(filterStore.get().clauses.map((c) => c.field)).toEqual(['path', 'ua', 'method']);
  });

  it('add the clicked user-agent class (legend entry or bar segment) as uaclass:', () => {
    render(<WebPanels query={ready(web)} extent={null} />);
    const classes = screen.getByTestId('ua-classes');
    fireEvent.click(within(classes).getByText('bot'));
    fireEvent.click(within(classes).getByLabelText('Filter by user agent class tool'));
    expect(filterStore.get().text).toBe('uaclass:bot uaclass:tool');
    expect(filterStore.get().error).toBeNull();
    expect(filterStore.get().clauses.map((c) => c.field)).toEqual(['uaclass', 'uaclass']);
  });
});
