import { ID_SPAN } from '../rules/columns.js';
import { digestText } from '../session-key.js';
import { detach } from '../text/detach.js';

// The dictionary starts over past either bound, so memory stays flat on any file (a WAF log can
// bring a new long value in every row). Ids index typed arrays here and in memos keyed by them.
const MAX_IDS = 200_000;
const MAX_CHARS = 8_000_000;
// Strings coded once (`codeOnce`) take ids from the upper half of ID_SPAN, counted up without a
// dictionary entry; the ids start over (a new epoch) before a batch could run past ID_SPAN. A
// batch codes far fewer strings than the headroom (10 000 rows × 20 text columns).
const ONCE_FROM = ID_SPAN / 2;
const ONCE_HEADROOM = 2 ** 20;

/**
 * String codes for batches. A dictionary kept across batches gives every distinct string an id,
 * so a row's string is hashed once and a per-batch dictionary is not re-learnt every 10 000 rows;
 * it also hands out batch-local codes, because a batch carries only the strings it uses.
 */
export class StringCodes {
  /** The strings of the current batch, by local code. */
  dict: string[] = [];
  /** Changes when the dictionary starts over: memos keyed by id must then be dropped. */
  epoch = 0;
  /**
   * The dictionary, one map per column (`code`'s second argument): a map of one column's values
   * stays small enough to be found in the processor's cache, where one map of every column's
   * values was not (a user agent looked up among 150 000 strings of all kinds). The same text in
   * two columns so has two ids, which name it as well as one.
   */
  private readonly ids: Map<string, number>[] = [];
  private nextId = 0;
  private chars = 0;
  private batch = 1;
  private stamp = new Int32Array(4096);
  private local = new Int32Array(4096);
  /**
   * Natural-key digests (two words each): a string coded once in slot k at 2·k, the string of
   * dictionary id i at 2·(slots + i), computed once per distinct string.
   */
  digests: Int32Array;
  /** The id of the string coded last. */
  lastId = -1;
  /** Where the digest of the string coded last is in `digests`. */
  lastDigestAt = -1;
  /** Whether the string coded last was new to the dictionary. */
  lastWasNew = false;
  private nextOnce = ONCE_FROM;
  /** The id of each string of the current batch, by local code. */
  private batchIds = new Int32Array(1024);

  constructor(
    private readonly maxIds = MAX_IDS,
    private readonly maxChars = MAX_CHARS,
    /** Digest slots for strings coded once: one per caller (a batch column) that uses `codeOnce`. */
    private readonly slots = 0,
  ) {
    this.digests = new Int32Array((slots + 4096) * 2);
  }

  /** The batch-local code of `value` in `column` (its id is then `lastId`). */
  code(value: string, column = 0): number {
    const ids = this.ids[column] ?? this.mapOf(column);
    let id = ids.get(value);
    this.lastWasNew = id === undefined;
    if (id === undefined) {
      id = this.nextId++;
      // Kept beyond this batch: a copy, not a view into the chunk the value was cut from.
      ids.set(detach(value), id);
      this.chars += value.length;
      if (id === this.stamp.length) this.grow();
      digestText(value, this.digests, (this.slots + id) * 2);
    }
    this.lastId = id;
    this.lastDigestAt = (this.slots + id) * 2;
    if (this.stamp[id] === this.batch) return this.local[id]!;
    this.stamp[id] = this.batch;
    const local = this.push(value, id);
    this.local[id] = local;
    return local;
  }

  /**
   * A batch-local code for `value` with an id of its own, without the dictionary: for a column
   * whose values hardly repeat (query strings, the clients of a public server), where a lasting
   * entry per value would only be looked up, stored and thrown away. The same text may so get
   * several codes and ids, which name it as well as one. Its digest is kept in slot `slot` (below
   * the constructor's `slots`) until the next string coded once there.
   */
  codeOnce(value: string, slot: number): number {
    const id = this.nextOnce++;
    digestText(value, this.digests, slot * 2);
    this.lastId = id;
    this.lastDigestAt = slot * 2;
    this.lastWasNew = true;
    return this.push(value, id);
  }

  /**
   * Drops `column`'s dictionary (its values hardly repeat and will be coded once): what a batch
   * that measured it added is not kept for the rest of the epoch. Its ids still name their
   * strings; a string seen again gets a new one.
   */
  forget(column: number): void {
    this.ids[column]?.clear();
  }

  private mapOf(column: number): Map<string, number> {
    while (this.ids.length <= column) this.ids.push(new Map());
    return this.ids[column]!;
  }

  private push(value: string, id: number): number {
    const local = this.dict.push(value) - 1;
    if (local === this.batchIds.length) {
      const more = new Int32Array(local * 2);
      more.set(this.batchIds);
      this.batchIds = more;
    }
    this.batchIds[local] = id;
    return local;
  }

  /** Whether `id` is a dictionary id (it names the same string until the epoch changes). */
  static inDictionary(id: number): boolean {
    return id < ONCE_FROM;
  }

  /** The ids of the current batch's strings, by local code (a copy: it travels with the batch). */
  idsOfBatch(): Int32Array {
    return this.batchIds.slice(0, this.dict.length);
  }

  /** Ends the batch: returns its strings; the next batch starts with none. */
  takeBatch(): string[] {
    const dict = this.dict;
    this.dict = [];
    this.batch++;
    // Ids stay below ID_SPAN (the rule engine's memos pack two into one number): dictionary ids
    // below a quarter of it when a batch starts, and a batch adds far fewer (10 000 rows × 20
    // text columns); ids of strings coded once between half of it and ID_SPAN - ONCE_HEADROOM.
    if (
      this.nextId > this.maxIds ||
      this.chars > this.maxChars ||
      this.nextId > ONCE_FROM / 2 ||
      this.nextOnce > ID_SPAN - ONCE_HEADROOM
    ) {
      for (const ids of this.ids) ids.clear();
      this.nextId = 0;
      this.chars = 0;
      this.stamp.fill(0);
      this.nextOnce = ONCE_FROM;
      this.epoch++;
    }
    return dict;
  }

  private grow(): void {
    const stamp = new Int32Array(this.stamp.length * 2);
    stamp.set(this.stamp);
    const local = new Int32Array(this.local.length * 2);
    local.set(this.local);
    this.stamp = stamp;
    this.local = local;
    const digests = new Int32Array((this.slots + this.stamp.length) * 2);
    digests.set(this.digests);
    this.digests = digests;
  }
}
