// The graph's own controls. The filter itself comes from outside (the global filter).
import { type FormEvent, useState } from 'react';
import type { EdgeWeight } from '../../../src-shared/graph.js';
import { formatBytes, formatCount } from '../../format.js';
import type { ColourMode } from './colors.js';
import type { SizeMode } from './graph-model.js';

export const EDGE_LIMITS = [1_000, 5_000, 20_000, 100_000] as const;

export interface ToolbarState {
  weight: EdgeWeight;
  colour: ColourMode;
  size: SizeMode;
  limit: number;
  /** Slider position 0..100 on a log scale up to the heaviest loaded edge. */
  minStep: number;
}

interface GraphToolbarProps {
  state: ToolbarState;
  onChange: (next: Partial<ToolbarState>) => void;
  minWeight: number;
  layoutRunning: boolean;
  onLayout: () => void;
  onSearch: (ip: string) => void;
}

export function GraphToolbar({
  state,
  onChange,
  minWeight,
  layoutRunning,
  onLayout,
  onSearch,
}: GraphToolbarProps) {
  const [query, setQuery] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim()) onSearch(query.trim());
  };
  const shownMin = state.weight === 'bytes' ? formatBytes(minWeight) : formatCount(minWeight);
  return (
    <div className="graph-toolbar">
      <search className="graph-search">
        <form onSubmit={submit}>
          <input
            type="search"
            placeholder="Find an IP…"
            aria-label="Find an IP in the graph"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            data-testid="graph-search"
          />
          <button type="submit">Find</button>
        </form>
      </search>
      <label>
        Weight{' '}
        <select
          value={state.weight}
          onChange={(event) => onChange({ weight: event.target.value as EdgeWeight, minStep: 0 })}
          data-testid="graph-weight"
        >
          <option value="sessions">sessions</option>
          <option value="bytes">bytes</option>
        </select>
      </label>
      <label>
        Colour{' '}
        <select
          value={state.colour}
          onChange={(event) => onChange({ colour: event.target.value as ColourMode })}
          data-testid="graph-colour"
        >
          <option value="score">anomaly score</option>
          <option value="verdict">verdict</option>
        </select>
      </label>
      <label>
        Size{' '}
        <select
          value={state.size}
          onChange={(event) => onChange({ size: event.target.value as SizeMode })}
          data-testid="graph-size"
        >
          <option value="originated">what it originated</option>
          <option value="volume">all its traffic</option>
        </select>
      </label>
      <label>
        Edges{' '}
        <select
          value={state.limit}
          onChange={(event) => onChange({ limit: Number(event.target.value) })}
          data-testid="graph-limit"
        >
          {EDGE_LIMITS.map((limit) => (
            <option key={limit} value={limit}>
              top {formatCount(limit)}
            </option>
          ))}
        </select>
      </label>
      <label className="graph-slider">
        Min weight{' '}
        <input
          type="range"
          min={0}
          max={100}
          value={state.minStep}
          onChange={(event) => onChange({ minStep: Number(event.target.value) })}
          data-testid="graph-min-weight"
          aria-valuetext={shownMin}
        />
        <span className="muted">{shownMin}</span>
      </label>
      <button type="button" onClick={onLayout} data-testid="graph-layout" aria-pressed={layoutRunning}>
        {layoutRunning ? 'Stop layout' : 'Start layout'}
      </button>
    </div>
  );
}

/** Log-scale slider: step 0 is "no minimum", step 100 the heaviest edge. */
export function minWeightAt(step: number, maxWeight: number): number {
  if (step <= 0 || maxWeight <= 1) return 0;
  return Math.round(maxWeight ** (step / 100));
}
