// The time range both pulls take (a CloudWatch Logs group, a ClickHouse source): `since` counts
// back from `to` (or now), `from` is the start. Given both, the range would have two starts and
// the core's resolveRange takes `from`, dropping `since` without a word: refused instead, here for
// the contract (app, HTTP, CLI) and in the CLI's flags by pull.ts.

/** Why a pull's time range cannot be taken as given, or null. */
export function pullTimeRangeProblem(value: { since?: string; from?: number }): string | null {
  if (value.since !== undefined && value.from !== undefined) return 'Give either since or from, not both.';
  return null;
}
