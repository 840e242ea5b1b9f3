import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { KpiTiles } from '../../src-renderer/views/overview/KpiTiles.js';
import type { KpiSummary } from '../../src-shared/analytics.js';

afterEach(cleanup);

const KPIS: KpiSummary = {
  sessions: 282,
  bytesIn: 338_200_000,
  bytesOut: 23_800_000,
  sourceIps: 28,
  sourceIpsExact: true,
  countries: 7,
  flagged: null,
  reviewed: null,
  firstTs: 0,
  lastTs: 1,
  source: 'rollup',
};

const tile = (id: string) => screen.getByTestId(`kpi-${id}`);

describe('KPI tiles', () => {
  it('show volumes, and say why flagged and reviewed are empty', () => {
    render(<KpiTiles kpis={KPIS} loading={false} />);
    expect(tile('sessions').textContent).toBe('Sessions282');
    expect(tile('sessions').dataset.value).toBe('282');
    expect(tile('bytes-in').textContent).toContain('338.2 MB');
    expect(tile('flagged').textContent).toBe('Flagged—nothing flags: no model on, rule hits off');
    expect(tile('reviewed').textContent).toBe('Reviewed—verdicts arrive with triage');
  });

  it('show percentages once a model runs and verdicts exist, and an upper bound on sources', () => {
    render(
      <KpiTiles
        kpis={{ ...KPIS, flagged: 14, reviewed: 141, sourceIps: 30, sourceIpsExact: false }}
        loading={false}
      />,
    );
    expect(tile('flagged').textContent).toBe('Flagged5.0 %14 sessions');
    expect(tile('reviewed').textContent).toBe('Reviewed50 %141 sessions');
    expect(tile('sources').textContent).toContain('≤ 30');
    expect(tile('sources').textContent).toContain('at most');
  });

  it('say "1 session" and "<0.1 %" for a lone flag among many', () => {
    render(<KpiTiles kpis={{ ...KPIS, sessions: 200_000, flagged: 1, reviewed: 0 }} loading={false} />);
    expect(tile('flagged').textContent).toBe('Flagged<0.1 %1 session');
    expect(tile('reviewed').textContent).toBe('Reviewed0 %0 sessions');
  });

  it('say a volume the logs do not record is not there, rather than 0 B', () => {
    // An access log has bytes out (the response) and no bytes in: the histograms find no value.
    render(
      <KpiTiles
        kpis={{ ...KPIS, bytesIn: 0 }}
        loading={false}
        recorded={new Set(['bytesOut', 'durationMs'])}
      />,
    );
    expect(tile('bytes-in').textContent).toBe('Bytes in—not in these logs');
    expect(tile('bytes-out').textContent).toBe('Bytes out23.8 MB');
  });

  it('say 0 B, not "not in these logs", when no session matches the filter', () => {
    render(
      <KpiTiles
        kpis={{ ...KPIS, sessions: 0, bytesIn: 0, bytesOut: 0 }}
        loading={false}
        recorded={new Set(['durationMs'])}
      />,
    );
    expect(tile('bytes-out').textContent).toBe('Bytes out0 B');
  });

  it('still say 0 B when the logs record bytes and they sum to nothing', () => {
    render(<KpiTiles kpis={{ ...KPIS, bytesIn: 0 }} loading={false} recorded={new Set(['bytesIn'])} />);
    expect(tile('bytes-in').textContent).toBe('Bytes in0 B');
  });

  it('show placeholders while loading the first time', () => {
    render(<KpiTiles kpis={null} loading={true} />);
    expect(screen.getByTestId('kpis').textContent).toContain('Loading…');
    expect(screen.queryByTestId('kpi-sessions')).toBeNull();
  });
});
