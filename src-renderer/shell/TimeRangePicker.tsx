// Time range of the global filter: presets relative to the newest session of what the views read
// (logs are historical, "last hour" of the wall clock is usually empty), or a brushed custom range.
// With a remote source chosen that is the source's newest row, asked when a preset is chosen: the
// workspace's newest session put the window where the source may hold nothing, and an empty
// workspace offered no preset at all.
import { useState } from 'react';
import { api } from '../api/index.js';
import { useVigilQuery } from '../data/vigil-query.js';
import { formatTimestamp } from '../format.js';
import { setTimeRange, type TimeRange } from '../state/filter.js';
import { useChosenSource } from '../state/source.js';

const HOUR = 3_600_000;
const PRESETS = [
  { id: 'all', label: 'All time', span: null },
  { id: '1h', label: 'Last hour of data', span: HOUR },
  { id: '6h', label: 'Last 6 hours of data', span: 6 * HOUR },
  { id: '24h', label: 'Last 24 hours of data', span: 24 * HOUR },
  { id: '7d', label: 'Last 7 days of data', span: 7 * 24 * HOUR },
] as const;

/** The newest stored session's time (null when unknown), kept current as imports land. */
function useLastSessionTime(): number | null {
  const summary = useVigilQuery('dashboardSummary', {});
  return summary.isError ? null : (summary.data?.lastTs ?? null);
}

export function TimeRangePicker({ range }: { range: TimeRange }) {
  const source = useChosenSource();
  const localLast = useLastSessionTime();
  const [preset, setPreset] = useState<string>('all');
  const [problem, setProblem] = useState<string | null>(null);
  const custom = range.from !== undefined || range.to !== undefined;
  const selected = !custom ? 'all' : preset === 'all' ? 'custom' : preset;

  const newest = async (): Promise<number | null> =>
    source === null ? localLast : (await api.testSource({ name: source })).lastTs;

  const choose = async (id: string) => {
    setPreset(id);
    setProblem(null);
    const span = PRESETS.find((p) => p.id === id)?.span ?? null;
    if (span === null) return setTimeRange({});
    let last: number | null;
    try {
      last = await newest();
    } catch (error) {
      setProblem(`The newest row of ${source} could not be read: ${(error as Error).message}`);
      return;
    }
    if (last === null) return setTimeRange({});
    // Whole hours, so every rollup answers the range exactly.
    const to = Math.ceil((last + 1) / HOUR) * HOUR;
    setTimeRange({ from: to - span, to });
  };

  return (
    <div className="time-range">
      <select
        aria-label="Time range"
        data-testid="time-range"
        value={selected}
        onChange={(event) => void choose(event.target.value)}
      >
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id} disabled={p.span !== null && source === null && localLast === null}>
            {p.label}
          </option>
        ))}
        {selected === 'custom' && <option value="custom">Custom range</option>}
      </select>
      {problem && (
        <span className="range-text error-note" role="alert" data-testid="time-range-problem">
          {problem}
        </span>
      )}
      {custom && (
        <span className="range-text" data-testid="time-range-text">
          {/* Two lines at most, each a whole moment, under the menu. */}
          <span className="nowrap">{formatTimestamp(range.from)} →</span>
          <span className="nowrap">{formatTimestamp(range.to)} UTC</span>
          <button
            type="button"
            className="small"
            data-testid="time-range-clear"
            onClick={() => {
              setPreset('all');
              setTimeRange({});
            }}
          >
            All time
          </button>
        </span>
      )}
    </div>
  );
}
