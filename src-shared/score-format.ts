// How a model score or threshold is written, for every kind, in the CLI and the app. Three
// decimals suit probabilities and isolation scores; a Conv1D's sigmoid over rare attacks gives
// scores far below 0.001, where three decimals read "0.000" — so small values keep three
// significant digits instead.
export function formatScore(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0 || Math.abs(value) >= 0.01) return value.toFixed(3);
  return Math.abs(value) >= 1e-6 ? value.toPrecision(3) : value.toExponential(2);
}
