// Which occurrence of itself a row is within its import: the n-th identical row (same start, same
// natural key) is keyed as occurrence n, so a repeated event is stored as often as it happened and
// an overlapping file finds its n-th copy as a duplicate.
//
// An exact map of every key of a 10 M-row import would not fit the ingest's memory budget, so counts
// are kept for a window of recent distinct keys (two generations: a key seen in either is counted
// exactly and moves to the newer one). Identical rows share their start time, so in a log in
// roughly time order repeats are near each other and the window sees them all. A key that left the
// window and comes back gets a count that may be too low: its row is then marked uncertain (a
// negative count), and the writer settles it against what this import already stored
// (repeat-keys.ts). A key is only suspected when it may have left the window: its start is not
// after every start that left, and a Bloom filter of the keys that left says "maybe".
//
// This runs for every row on the parser thread, so a row of a log in time order costs one probe:
// a row that starts after every row before it cannot repeat one, and the rows of the latest start
// are all in the newer generation unless it changed since that start first came.

/** Distinct keys per generation. */
export const WINDOW_KEYS = 1 << 15;
// Slots hold the natural key and its count (negative: uncertain). The natural key hashes the start
// too, so it alone tells rows apart (two starts sharing one 53-bit key would only share a count).
const STRIDE = 2;
const MOVED = Number.POSITIVE_INFINITY; // count of an older-generation entry that moved to the newer one
const BLOOM_WORDS = 1 << 20; // 2^25 bits (4 MiB), made on the first eviction
const BLOOM_MASK = BLOOM_WORDS * 32 - 1;

class Generation {
  readonly slots: Float64Array;
  size = 0;
  private readonly mask: number;

  constructor(keys: number) {
    let capacity = 2;
    while (capacity < keys * 2) capacity *= 2; // load stays at or under one half
    this.slots = new Float64Array(capacity * STRIDE);
    this.mask = capacity - 1;
  }

  /** Where `natural` is, or the empty slot it would take: the index of its count. */
  find(natural: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let slot = (natural >>> 0) & mask;
    for (;;) {
      const at = slot * STRIDE;
      if (slots[at + 1] === 0 || slots[at] === natural) return at + 1;
      slot = (slot + 1) & mask;
    }
  }

  put(countAt: number, natural: number, count: number): void {
    this.slots[countAt - 1] = natural;
    this.slots[countAt] = count;
    this.size++;
  }

  clear(): void {
    this.slots.fill(0);
    this.size = 0;
  }
}

export class OccurrenceCounter {
  private newer: Generation;
  private older: Generation;
  private bloom: Int32Array | null = null;
  /** The latest start among the keys that left the window (-Infinity: none left yet). */
  private evictedMaxStart = Number.NEGATIVE_INFINITY;
  /** The latest start of any row so far, and the generation change count when it first came. */
  private maxStart = Number.NEGATIVE_INFINITY;
  private maxStartRotation = 0;
  private rotations = 0;
  /** Starts of the keys in the older generation: the latest (for evictedMaxStart when it leaves). */
  private olderMaxStart = Number.NEGATIVE_INFINITY;

  constructor(private readonly windowKeys = WINDOW_KEYS) {
    this.newer = new Generation(windowKeys);
    this.older = new Generation(windowKeys);
  }

  /** The occurrence number of the next row with this start and natural key: n, or -n when uncertain. */
  next(start: number, natural: number): number {
    const newer = this.newer;
    const at = newer.find(natural);
    const count = newer.slots[at]!;
    if (count !== 0) {
      const next = count > 0 ? count + 1 : count - 1;
      newer.slots[at] = next;
      return next;
    }
    let next = 1;
    if (start > this.maxStart) {
      // Later than every row so far: not seen before, certainly.
      this.maxStart = start;
      this.maxStartRotation = this.rotations;
    } else if (start < this.maxStart || this.maxStartRotation !== this.rotations) {
      const older = this.older;
      const olderAt = older.find(natural);
      const seen = older.slots[olderAt]!;
      if (seen !== 0) {
        next = seen > 0 ? seen + 1 : seen - 1;
        older.slots[olderAt] = MOVED;
      } else if (this.mayHaveLeft(start, natural)) {
        next = -1;
      }
    }
    newer.put(at, natural, next);
    if (newer.size >= this.windowKeys) this.rotate();
    return next;
  }

  private mayHaveLeft(start: number, natural: number): boolean {
    if (start > this.evictedMaxStart || this.bloom === null) return false;
    const bit = natural & BLOOM_MASK;
    return (this.bloom[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }

  /** The older generation leaves the window (into the Bloom filter); the newer one becomes older. */
  private rotate(): void {
    const leaving = this.older;
    const slots = leaving.slots;
    if (leaving.size > 0) {
      this.bloom ??= new Int32Array(BLOOM_WORDS);
      const bloom = this.bloom;
      for (let at = 0; at < slots.length; at += STRIDE) {
        const count = slots[at + 1]!;
        if (count === 0 || count === MOVED) continue;
        const bit = slots[at]! & BLOOM_MASK;
        bloom[bit >>> 5] = bloom[bit >>> 5]! | (1 << (bit & 31));
      }
      if (this.olderMaxStart > this.evictedMaxStart) this.evictedMaxStart = this.olderMaxStart;
    }
    // The newer generation's keys all started at or before the latest start so far.
    this.olderMaxStart = this.maxStart;
    leaving.clear();
    this.older = this.newer;
    this.newer = leaving;
    this.rotations++;
  }
}
