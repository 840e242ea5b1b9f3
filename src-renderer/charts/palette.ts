// Chart colours and text colours from the active theme's CSS variables, and shared option parts.
import { escapeHtml } from '../../src-shared/escape-html.js';
import { bucketStart } from '../../src-shared/time-buckets.js';
import { countOf } from '../format.js';

export interface ChartTheme {
  text: string;
  muted: string;
  border: string;
  surface: string;
  accent: string;
  danger: string;
  /** The low end of sequential scales (map): close to the page, so empty reads as empty. */
  low: string;
  /** Never empty: a chart of one series takes the first. */
  series: [string, ...string[]];
}

const SERIES_DARK: [string, ...string[]] = [
  '#6cb6d9',
  '#d8a54a',
  '#67b98f',
  '#b48ead',
  '#e07474',
  '#88c0d0',
  '#ebcb8b',
  '#a3be8c',
  '#d08770',
  '#8fa1b3',
];
const SERIES_LIGHT: [string, ...string[]] = [
  '#1f6f96',
  '#a8720f',
  '#2e8a5c',
  '#7d4e8a',
  '#b93c3c',
  '#2b8a9c',
  '#8c7a1e',
  '#5b7f3a',
  '#a75a2b',
  '#4f6478',
];

export function chartTheme(): ChartTheme {
  const css = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const light = document.documentElement.dataset.theme === 'light';
  return {
    text: read('--text', '#d6dde6'),
    muted: read('--muted', '#8a96a6'),
    border: read('--border', '#29313c'),
    surface: read('--surface', '#161b22'),
    accent: read('--accent', '#6cb6d9'),
    danger: read('--danger', '#e07474'),
    low: light ? '#d6e6ef' : '#1d3b4d',
    series: light ? SERIES_LIGHT : SERIES_DARK,
  };
}

/** Axis, tooltip and legend styling shared by every chart. */
export function baseOption(theme: ChartTheme) {
  return {
    color: theme.series,
    backgroundColor: 'transparent',
    textStyle: { color: theme.text, fontFamily: 'system-ui, sans-serif' },
    tooltip: {
      backgroundColor: theme.surface,
      borderColor: theme.border,
      textStyle: { color: theme.text },
      confine: true,
    },
    legend: { textStyle: { color: theme.muted }, top: 0, type: 'scroll' },
    // No entry animation: the analyst sees final numbers at once, and 'drawn' means drawn.
    animation: false,
    // Log times are compared across sources and shown in UTC everywhere else in the app.
    useUTC: true,
  };
}

/**
 * A time x-axis in UTC that names itself so, with the month on every day label: a bare "1" after
 * "31" hides that the month changed.
 */
/**
 * A time axis; `extent` fixes its ends (the Overview's charts over time share the span the
 * Sessions chart draws, so a bar stands at the same place in each), widened to whole buckets of
 * `bucketMs` when given (wholeBuckets).
 */
export function timeAxis(theme: ChartTheme, extent?: TimeExtent | null, bucketMs?: number) {
  const ends = extent && bucketMs ? wholeBuckets(extent, bucketMs) : extent;
  return {
    type: 'time',
    ...(ends ? { min: ends.from, max: ends.to } : {}),
    name: 'UTC',
    nameLocation: 'end',
    nameGap: 6,
    nameTextStyle: { color: theme.muted, verticalAlign: 'top', padding: [10, 0, 0, 0] },
    ...axisStyle(theme),
    axisLabel: {
      color: theme.muted,
      hideOverlap: true,
      formatter: {
        year: '{yyyy}',
        month: '{MMM} {yyyy}',
        day: '{d} {MMM}',
        hour: '{HH}:{mm}',
        minute: '{HH}:{mm}',
        second: '{HH}:{mm}:{ss}',
        millisecond: '{HH}:{mm}:{ss}',
      },
    },
    splitLine: { show: false },
  };
}

export interface TimeExtent {
  from: number;
  to: number;
}

/**
 * The span out to the edges of the buckets its ends fall in, and at least one bucket: a bar covers
 * its whole bucket, so an axis ending inside one cut the first and last bars, and a span of one
 * session (one millisecond) left no room for its bar at all.
 */
export function wholeBuckets(extent: TimeExtent, bucketMs: number): TimeExtent {
  const from = bucketStart(extent.from, bucketMs);
  return { from, to: Math.max(from + bucketMs, Math.ceil(extent.to / bucketMs) * bucketMs) };
}

/** A bucket drawn as a bar: at its middle, so the bar covers the time it counts (not half before). */
export const bucketMiddle = (start: number, bucketMs: number): number => start + bucketMs / 2;

/** Tooltip of a one-series chart: the item's (escaped) name and its session count. */
export function sessionsTooltip(theme: ChartTheme) {
  return {
    ...baseOption(theme).tooltip,
    trigger: 'item',
    formatter: (p: { name: string; value: number }) =>
      `${escapeHtml(p.name)}: <b>${escapeHtml(countOf(p.value, 'session'))}</b>`,
  };
}

export function axisStyle(theme: ChartTheme) {
  return {
    axisLine: { lineStyle: { color: theme.border } },
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.border, opacity: 0.6 } },
  };
}

/** The series colours a category may take: all but the reds, which mean flagged in the app. */
export function categoryChoices(theme: ChartTheme): string[] {
  return theme.series.filter((colour) => colour !== theme.danger && !RED_SERIES.has(colour));
}

/** The series entries that read as red in either theme (kept for flagged-only meaning). */
const RED_SERIES = new Set([SERIES_DARK[4], SERIES_LIGHT[4]]);
