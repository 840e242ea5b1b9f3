// "Last 24 hours of data" with a remote source chosen is the last 24 hours of the source's rows: it
// was the workspace's (its newest session), a window where the source may hold nothing, and with an
// empty workspace the presets were disabled while a source was hunted.
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimeRangePicker } from '../../src-renderer/shell/TimeRangePicker.js';
import { filterStore, setTimeRange } from '../../src-renderer/state/filter.js';
import { chooseSource } from '../../src-renderer/state/source.js';
import { answers, calls } from './fake-api.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
configure({ asyncUtilTimeout: 5000 });

const HOUR = 3_600_000;
const LOCAL_LAST = Date.UTC(2026, 0, 6, 23, 58);
const REMOTE_LAST = Date.UTC(2026, 11, 7, 5, 20);
let localLast: number | null;

beforeEach(() => {
  calls.length = 0;
  localLast = LOCAL_LAST;
  answers.dashboardSummary = () => ({ lastTs: localLast, firstTs: localLast, sessions: 1 });
  answers.testSource = ({ name }: { name: string }) => ({
    name,
    version: '18.16.1',
    rows: 10,
    firstTs: REMOTE_LAST - 48 * HOUR,
    lastTs: REMOTE_LAST,
    milliseconds: 3,
  });
});
afterEach(() => {
  cleanup();
  chooseSource(null);
  setTimeRange({});
});

const choose = (id: string) => fireEvent.change(screen.getByTestId('time-range'), { target: { value: id } });
const last24h = (last: number) => {
  const to = Math.ceil((last + 1) / HOUR) * HOUR;
  return { from: to - 24 * HOUR, to };
};

describe('the time range presets', () => {
  it("are the chosen source's last hours, not the workspace's", async () => {
    chooseSource('fleet');
    render(<TimeRangePicker range={{}} />, withData);
    choose('24h');
    await waitFor(() => expect(filterStore.get().range).toEqual(last24h(REMOTE_LAST)));
    expect(calls.filter((call) => call.name === 'testSource').map((call) => call.args)).toEqual([
      { name: 'fleet' },
    ]);
  });

  it('are offered for a source while the workspace is empty', async () => {
    localLast = null;
    chooseSource('fleet');
    render(<TimeRangePicker range={{}} />, withData);
    await waitFor(() => expect(calls.some((call) => call.name === 'dashboardSummary')).toBe(true));
    const option = screen.getByRole('option', { name: 'Last hour of data' }) as HTMLOptionElement;
    expect(option.disabled).toBe(false);
  });

  it("stay the workspace's in the local workspace", async () => {
    render(<TimeRangePicker range={{}} />, withData);
    await waitFor(() => expect(calls.some((call) => call.name === 'dashboardSummary')).toBe(true));
    await waitFor(() =>
      expect(
        (screen.getByRole('option', { name: 'Last 24 hours of data' }) as HTMLOptionElement).disabled,
      ).toBe(false),
    );
    choose('24h');
    await waitFor(() => expect(filterStore.get().range).toEqual(last24h(LOCAL_LAST)));
    expect(calls.some((call) => call.name === 'testSource')).toBe(false);
  });

  it("says so when the source's newest row cannot be read, and keeps the range", async () => {
    answers.testSource = () => {
      throw new Error(
        'Cannot reach source "fleet" at http://127.0.0.1:9 (ECONNREFUSED): is the server running?',
      );
    };
    chooseSource('fleet');
    render(<TimeRangePicker range={{}} />, withData);
    choose('1h');
    await waitFor(() =>
      expect(screen.getByTestId('time-range-problem').textContent).toBe(
        'The newest row of fleet could not be read: Cannot reach source "fleet" at http://127.0.0.1:9 (ECONNREFUSED): is the server running?',
      ),
    );
    expect(filterStore.get().range).toEqual({});
  });
});
