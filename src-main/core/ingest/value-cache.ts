// The index hash: four bytes per multiply (a user agent is 100–200 bytes, hashed on most rows of a
// varied log), each step folding the high bits down so every byte reaches the index bits.
const HASH_SEED = 0x811c9dc5;
const HASH_STEP = 0x01000193;

// Past either bound the cache starts over, so memory stays flat on a column of unique values.
const MAX_ENTRIES = 65_536;
const MAX_BYTES = 4_000_000;
// Values whose hashes crowd together (crafted input) are not cached: the lookup gives up and the
// line is read the general way, so no input can make lookups slow.
const MAX_PROBES = 64;

/** `find`'s answer when the value failed validation, or could not be cached. */
export const NOT_CACHED = -1;

// A cache that may pass values through (see `passThrough`) counts, between two fills, the lookups
// that hashed and the values it had to add; adding more than half of them means the column holds
// more distinct values than the cache (240 000 clients of a public server in a million lines),
// and its values are then normalized one by one for this many lookups, then cached again.
const PASS_LOOKUPS = 262_144;

/**
 * The normalized value of each raw value one column has held, looked up by the raw bytes' place
 * in a chunk of an ASCII file. Log columns repeat a few thousand values (addresses, rules,
 * countries) over millions of rows: a value seen before then costs a byte compare (or a hash and a
 * probe), not a substring, a validation and a new string, and the same normalized string object
 * comes back each time, which makes the string codes downstream cheaper too. Hand-written: a Map
 * would need the substring, the allocation this avoids, as its key.
 */
export class ValueCache<T> {
  /** Changes when the cache starts over: slots handed out before are then meaningless. */
  epoch = 0;
  private arena = new Uint8Array(65_536);
  private used = 0;
  private offsets = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private valid = new Uint8Array(1024);
  private values: (T | undefined)[] = [];
  private index = new Int32Array(2048).fill(-1);
  // Columns often repeat the previous row's value: a byte compare then finds it without hashing.
  private lastSlot = -1;
  private hashed = 0;
  private added = 0;
  /** Lookups left that normalize without the cache (0: cached). */
  private passing = 0;
  /** The value a lookup that passed through normalized, in slot `maxEntries`. */
  private passed: T | undefined;

  /**
   * `normalize` gives the column's value for a raw text, or throws when the text is not valid.
   * With `passThrough`, a column whose values hardly repeat stops being cached for a while (its
   * slots then name no value beyond the next lookup: not for callers that key on slots).
   */
  constructor(
    private readonly normalize: (raw: string) => T,
    private readonly maxEntries = MAX_ENTRIES,
    private readonly maxBytes = MAX_BYTES,
    private readonly passThrough = false,
  ) {}

  /** The slot of the ASCII value `bytes[start, end)`, normalized on first sight, or NOT_CACHED. */
  find(bytes: Buffer, start: number, end: number): number {
    const length = end - start;
    const last = this.lastSlot;
    if (last >= 0 && this.lengths[last] === length && this.holds(last, bytes, start)) {
      return this.valid[last] ? last : NOT_CACHED;
    }
    if (this.passing > 0) return this.pass(bytes, start, end);
    this.hashed++;
    const hash = hashOf(bytes, start, end);
    const mask = this.index.length - 1;
    let at = (hash ^ (hash >>> 15)) & mask;
    for (let probes = 0; probes < MAX_PROBES; probes++, at = (at + 1) & mask) {
      const slot = this.index[at]!;
      if (slot < 0) return this.add(bytes, start, end, hash);
      if (this.hashes[slot] === hash && this.lengths[slot] === length && this.holds(slot, bytes, start)) {
        this.lastSlot = slot;
        return this.valid[slot] ? slot : NOT_CACHED;
      }
    }
    return NOT_CACHED;
  }

  /** The normalized value in `slot` (a slot `find` returned in this epoch). */
  value(slot: number): T {
    return slot === this.maxEntries ? (this.passed as T) : (this.values[slot] as T);
  }

  /** Normalizes a value without keeping it: its slot is `maxEntries` until the next lookup. */
  private pass(bytes: Buffer, start: number, end: number): number {
    if (--this.passing === 0) this.clear();
    try {
      this.passed = this.normalize(bytes.toString('latin1', start, end));
      return this.maxEntries;
    } catch {
      return NOT_CACHED;
    }
  }

  private holds(slot: number, bytes: Buffer, start: number): boolean {
    const arena = this.arena;
    const from = this.offsets[slot]!;
    const length = this.lengths[slot]!;
    for (let i = 0; i < length; i++) if (arena[from + i] !== bytes[start + i]) return false;
    return true;
  }

  private add(bytes: Buffer, start: number, end: number, hash: number): number {
    const length = end - start;
    if (this.values.length >= this.maxEntries || this.used + length > this.maxBytes) {
      if (length > this.maxBytes) return NOT_CACHED;
      const thrashing = this.passThrough && this.added * 2 > this.hashed;
      this.clear();
      if (thrashing) {
        this.passing = PASS_LOOKUPS;
        return this.pass(bytes, start, end);
      }
      return this.find(bytes, start, end);
    }
    this.added++;
    const slot = this.values.length;
    let value: T | undefined;
    let valid = 1;
    try {
      value = this.normalize(bytes.toString('latin1', start, end));
    } catch {
      valid = 0;
    }
    if (slot === this.offsets.length) this.grow();
    while (this.used + length > this.arena.length) this.arena = enlarged(this.arena, this.arena.length * 2);
    this.arena.set(bytes.subarray(start, end), this.used);
    this.offsets[slot] = this.used;
    this.lengths[slot] = length;
    this.hashes[slot] = hash;
    this.valid[slot] = valid;
    this.values.push(value);
    this.used += length;
    this.place(slot);
    this.lastSlot = slot;
    return valid ? slot : NOT_CACHED;
  }

  private clear(): void {
    this.values = [];
    this.used = 0;
    this.index.fill(-1);
    this.lastSlot = -1;
    this.hashed = 0;
    this.added = 0;
    this.epoch++;
  }

  /** Doubles the room for entries and re-indexes them. */
  private grow(): void {
    const capacity = this.offsets.length * 2;
    this.offsets = enlarged(this.offsets, capacity);
    this.lengths = enlarged(this.lengths, capacity);
    this.hashes = enlarged(this.hashes, capacity);
    this.valid = enlarged(this.valid, capacity);
    this.index = new Int32Array(capacity * 2).fill(-1);
    for (let slot = 0; slot < this.values.length; slot++) this.place(slot);
  }

  private place(slot: number): void {
    const h = this.hashes[slot]!;
    const mask = this.index.length - 1;
    let at = (h ^ (h >>> 15)) & mask;
    while (this.index[at]! >= 0) at = (at + 1) & mask;
    this.index[at] = slot;
  }
}

/** The index hash of `bytes[start, end)`. */
export function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let hash = HASH_SEED ^ (end - start);
  let i = start;
  for (; i + 4 <= end; i += 4) {
    hash = Math.imul(
      hash ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)),
      HASH_STEP,
    );
    hash ^= hash >>> 15;
  }
  for (; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, HASH_STEP);
  return hash;
}

function enlarged<A extends Int32Array | Uint8Array>(array: A, length: number): A {
  const bigger = new (array.constructor as new (length: number) => A)(length);
  bigger.set(array);
  return bigger;
}
