// One way to write a count or a share for people, everywhere Vigil shows one: "1 session",
// "1,913 sessions", "<0.1 %". (Intl.PluralRules would only tell 'one' from 'other' in English;
// the plural forms themselves still have to be written, so a plain comparison says the same.)

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : integer.format(value);
}

/** "1 session", "2 sessions"; `plural` for nouns that do not just take an s ("entries"). */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/**
 * `part` as a share of `whole`: one decimal below 10 %, whole numbers above. A share that is not
 * zero never reads as zero ("<0.1 %"), and one short of the whole never reads as all (">99.9 %").
 */
export function formatShare(part: number | null, whole: number): string {
  if (part === null || whole === 0) return '—';
  const value = (100 * part) / whole;
  if (value > 0 && value < 0.1) return '<0.1 %';
  if (value > 99.9 && value < 100) return '>99.9 %';
  if (value >= 99.5 && value < 100) return `${value.toFixed(1)} %`;
  return `${value < 10 && value > 0 ? value.toFixed(1) : Math.round(value)} %`;
}
