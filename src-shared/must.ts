// The one way to say "this value is there, or the program has a bug": under
// noUncheckedIndexedAccess a lookup that cannot miss (a key taken from the same table, a regex
// group that always takes part, a record found by a kind that came from those records) is still
// typed `T | undefined`. Throwing here names the broken assumption instead of failing later on
// `undefined`. Where absence is legitimate, use `?.` / `??` instead; never `!`.

/** `value`, or an Error saying that `what` is missing when it is undefined or null. */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`Internal error: missing ${what}`);
  return value;
}
