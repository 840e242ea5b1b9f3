// Overview charts over sessions that do not record a field (an access log has no protocol, port
// or detection type; its requests all last 0 ms): each chart says so in words, where a single bar
// of "(none)" at 100 % or an empty row of the correlation heatmap would read as a finding.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CorrelationChart, varyingFeatures } from '../../src-renderer/views/overview/CorrelationChart.js';
import { TypeByCountryChart, untypedNote } from '../../src-renderer/views/overview/CountryCharts.js';
import { PortMixCharts, portMixNotes } from '../../src-renderer/views/overview/PortMixCharts.js';
import type { Correlation, PortMix, TypeByCountry } from '../../src-shared/analytics.js';

// happy-dom has no 2D canvas for ECharts: a stand-in shows the chart's note, or the categories it would draw.
vi.mock('../../src-renderer/charts/EChart.js', () => ({
  EChart: ({
    option,
    testId,
    empty,
  }: {
    option: ((theme: object) => { yAxis?: { data: string[] } }) | null;
    testId: string;
    empty?: string | null;
  }) => {
    const theme = { muted: '', danger: '', series: ['', '', '', '', '', ''], surface: '', text: '' };
    const drawn = option && !empty ? (option(theme).yAxis?.data ?? []).join(' ') : '';
    return <div data-testid={testId}>{empty ?? `drawn ${drawn}`}</div>;
  },
}));

afterEach(cleanup);
const state = <T,>(data: T) => ({ data, loading: false, error: null });

const ACCESS_LOG_MIX: PortMix = {
  protocols: [{ protocol: '', sessions: 100 }],
  ports: [{ dstPort: -1, sessions: 100 }],
  widened: false,
  source: 'rollup',
};
const FLOW_MIX: PortMix = {
  protocols: [
    { protocol: 'TCP', sessions: 90 },
    { protocol: '', sessions: 10 },
  ],
  ports: [
    { dstPort: 443, sessions: 80 },
    { dstPort: -1, sessions: 20 },
  ],
  widened: false,
  source: 'rollup',
};

describe('the port mix over sessions without protocol or port', () => {
  it('says that neither is recorded instead of a 100 % bar of (none)', () => {
    render(<PortMixCharts query={state(ACCESS_LOG_MIX)} />);
    expect(screen.getByTestId('chart-protocols').textContent).toBe('No protocol recorded in these sessions.');
    expect(screen.getByTestId('chart-ports').textContent).toBe(
      'No destination port recorded in these sessions.',
    );
  });

  it('draws both charts, (none) included, when some sessions record them', () => {
    render(<PortMixCharts query={state(FLOW_MIX)} />);
    expect(screen.getByTestId('chart-protocols').textContent).toBe('drawn TCP (none)');
    expect(screen.getByTestId('chart-ports').textContent).toBe('drawn 443 (none)');
  });

  it('notes each chart on its own, and no match as no match', () => {
    expect(portMixNotes({ ...FLOW_MIX, ports: [{ dstPort: -1, sessions: 100 }] })).toEqual({
      protocols: null,
      ports: 'No destination port recorded in these sessions.',
    });
    expect(portMixNotes({ protocols: [], ports: [], widened: false, source: 'rollup' })).toEqual({
      protocols: 'No sessions match.',
      ports: 'No sessions match.',
    });
  });
});

describe('detection type by country over sessions without a type', () => {
  const untyped: TypeByCountry = {
    cells: [
      { country: 'US', detectionType: '', sessions: 60 },
      { country: 'DE', detectionType: '', sessions: 40 },
    ],
    source: 'rollup',
  };

  it('says no type is recorded instead of one (no type) stack per country', () => {
    render(<TypeByCountryChart query={state(untyped)} />);
    expect(screen.getByTestId('chart-type-country').textContent).toContain(
      'No detection type recorded in these sessions.',
    );
    // No scale to choose for a chart that draws nothing.
    expect(screen.queryByTestId('chart-type-country-log')).toBeNull();
  });

  it('keeps the chart when any session has a type, and says nothing over no sessions', () => {
    expect(
      untypedNote([...untyped.cells, { country: 'US', detectionType: 'waf_rule', sessions: 1 }]),
    ).toBeNull();
    expect(untypedNote([])).toBeNull();
  });
});

describe('the correlation heatmap over features some sessions never vary', () => {
  // What the Overview answers for an access log: bytes in, duration and port constant (null r).
  const correlation: Correlation = {
    features: ['log bytes in', 'log bytes out', 'log duration', 'bytes ratio', 'dst port'],
    matrix: [
      [null, null, null, null, null],
      [null, 1, null, -0.66, null],
      [null, null, null, null, null],
      [null, -0.66, null, 1, null],
      [null, null, null, null, null],
    ],
    sampleSize: 3000,
  };

  it('leaves the constant features out and names them', () => {
    expect(varyingFeatures(correlation)).toEqual({
      shown: {
        features: ['log bytes out', 'bytes ratio'],
        matrix: [
          [1, -0.66],
          [-0.66, 1],
        ],
        sampleSize: 3000,
      },
      constant: ['log bytes in', 'log duration', 'dst port'],
    });
    render(<CorrelationChart query={state(correlation)} />);
    expect(screen.getByTestId('correlation-constant').textContent).toBe(
      'Constant or not recorded in the sample, so left out: log bytes in, log duration, dst port.',
    );
    expect(screen.getByTestId('chart-correlation').textContent).toBe('drawn log bytes out bytes ratio');
  });

  it('says so when fewer than two features vary, and names none when all do', () => {
    render(
      <CorrelationChart
        query={state({ ...correlation, matrix: correlation.matrix.map((row) => row.map(() => null)) })}
      />,
    );
    expect(screen.getByTestId('chart-correlation').textContent).toBe('Too few features vary to correlate.');
    cleanup();
    const all = {
      features: ['a', 'b'],
      matrix: [
        [1, 0.5],
        [0.5, 1],
      ],
      sampleSize: 10,
    };
    render(<CorrelationChart query={state(all)} />);
    expect(screen.queryByTestId('correlation-constant')).toBeNull();
    expect(screen.getByTestId('chart-correlation').textContent).toBe('drawn a b');
  });
});
