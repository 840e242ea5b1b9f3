// Node colours and the legend that explains them. Discrete bins rather than a continuous ramp:
// an analyst reads "red = above 0.9" faster than a shade.
export type ColourMode = 'score' | 'verdict';

export interface LegendEntry {
  label: string;
  colour: string;
}

const UNSCORED = '#6b7785';
const SCORE_BINS: { min: number; colour: string; label: string }[] = [
  { min: 0.9, colour: '#e5484d', label: '≥ 0.9' },
  { min: 0.7, colour: '#f08c3a', label: '0.7 – 0.9' },
  { min: 0.5, colour: '#e8c547', label: '0.5 – 0.7' },
  { min: -Infinity, colour: '#4fb5a5', label: '< 0.5' },
];

export function scoreColour(score: number | null): string {
  if (score === null) return UNSCORED;
  // The last bin starts at -Infinity, so only NaN falls through.
  return SCORE_BINS.find((bin) => score >= bin.min)?.colour ?? UNSCORED;
}

/**
 * Drawn in the alarm colour in either mode: a score in the top bin or a malicious verdict. Such a
 * node is labelled before others (label-priority.ts).
 */
export function isAlarming(attributes: { score: number | null; verdict: string | null }): boolean {
  const top = SCORE_BINS[0]?.min ?? Infinity;
  return (attributes.score !== null && attributes.score >= top) || attributes.verdict === 'malicious';
}

/** Keys are triage's verdict values. Until the graph reads them every IP is "no verdict". */
const VERDICTS: (LegendEntry & { key: string | null })[] = [
  { key: 'malicious', label: 'malicious', colour: '#e5484d' },
  { key: 'review', label: 'needs review', colour: '#e8c547' },
  { key: 'benign', label: 'benign', colour: '#46a758' },
  { key: null, label: 'no verdict', colour: UNSCORED },
];

/**
 * A host node: a site requests without a server IP asked for, not an IP (src-main db/host-edges.ts).
 * It has no score or verdict of its own, so one colour in every mode, apart from the bins.
 */
export const HOST_COLOUR = '#5b8def';

export function verdictColour(verdict: string | null): string {
  return VERDICTS.find((entry) => entry.key === verdict)?.colour ?? UNSCORED;
}

export function legendFor(mode: ColourMode, scored: boolean): LegendEntry[] {
  if (mode === 'verdict') return VERDICTS.map(({ label, colour }) => ({ label, colour }));
  const bins = SCORE_BINS.map((bin) => ({ label: bin.label, colour: bin.colour }));
  return scored
    ? [...bins, { label: 'originated nothing scored', colour: UNSCORED }]
    : [{ label: 'not scored', colour: UNSCORED }];
}

/**
 * Canvas colours per theme (WebGL cannot read CSS variables). Edges are opaque and close to the
 * background: thousands overlap, and translucent ones add up to a white blot.
 */
export interface GraphPalette {
  text: string;
  /** The stage's background (--surface), drawn around each label's letters over the edges. */
  stage: string;
  muted: string;
  labelBackground: string;
  edge: string;
  highlight: string;
  dimmed: string;
}

export function graphPalette(theme: 'dark' | 'light'): GraphPalette {
  return theme === 'light'
    ? {
        text: '#1d2530',
        stage: '#ffffff',
        muted: '#5d6978',
        labelBackground: '#ffffff',
        edge: '#d3dae2',
        highlight: '#1f6f96',
        dimmed: '#dde2e8',
      }
    : {
        text: '#d6dde6',
        stage: '#161b22',
        muted: '#8a96a6',
        labelBackground: '#1c232c',
        edge: '#2c3643',
        highlight: '#6cb6d9',
        dimmed: '#2a323d',
      };
}
