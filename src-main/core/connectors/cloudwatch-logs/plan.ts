// Which FilterLogEvents requests a pull makes: an interrupted pull of the same selection is
// finished first from its saved token, then whatever of the asked range it did not cover.
import type { FilterSpec } from './filter-pages.js';
import type { TimeRange } from './time-range.js';

export interface Selection {
  streams?: string[];
  filterPattern?: string;
  insightsQuery?: string;
}

/** '' for the whole group; else a stable text naming the subset (its own pull state). */
export function selectorOf(selection: Selection): string {
  const { streams, filterPattern, insightsQuery } = selection;
  if (!streams && filterPattern === undefined && insightsQuery === undefined) return '';
  return JSON.stringify({
    streams: streams ? [...new Set(streams)].sort() : undefined,
    filterPattern,
    insightsQuery,
  });
}

export interface Segment {
  spec: FilterSpec;
  token: string | null;
  /** Finishes an interrupted pull. */
  resumed: boolean;
}

export interface Plan {
  segments: Segment[];
  /** An interrupted pull that did not overlap the asked range and was given up. */
  abandoned: FilterSpec | null;
}

export function planSegments(
  base: Omit<FilterSpec, 'startTime' | 'endTime'>,
  range: TimeRange,
  pending: { spec: FilterSpec; token: string | null } | null,
): Plan {
  const asked = { ...base, startTime: range.start, endTime: range.end };
  if (!pending) return { segments: [{ spec: asked, token: null, resumed: false }], abandoned: null };
  const p = pending.spec;
  // Touching counts as overlapping: the range ends are inclusive.
  if (p.endTime < range.start || p.startTime > range.end)
    return { segments: [{ spec: asked, token: null, resumed: false }], abandoned: p };
  const segments: Segment[] = [
    { spec: { ...base, startTime: p.startTime, endTime: p.endTime }, token: pending.token, resumed: true },
  ];
  if (range.start < p.startTime)
    segments.push({
      spec: { ...base, startTime: range.start, endTime: p.startTime },
      token: null,
      resumed: false,
    });
  if (range.end > p.endTime)
    segments.push({
      spec: { ...base, startTime: p.endTime, endTime: range.end },
      token: null,
      resumed: false,
    });
  return { segments, abandoned: null };
}

/** The saved form of a pending FilterLogEvents request (only the fields that define its pages). */
export function encodeSpec(spec: FilterSpec): string {
  return JSON.stringify({ startTime: spec.startTime, endTime: spec.endTime });
}

export function decodeSpec(base: Omit<FilterSpec, 'startTime' | 'endTime'>, text: string): FilterSpec | null {
  try {
    const { startTime, endTime } = JSON.parse(text) as { startTime: unknown; endTime: unknown };
    if (typeof startTime !== 'number' || typeof endTime !== 'number') return null;
    return { ...base, startTime, endTime };
  } catch {
    return null;
  }
}
