import { ID_SPAN } from '../rules/columns.js';
import { digestText } from '../session-key.js';
import { detach } from '../text/detach.js';

// The dictionary starts over past either bound, so memory stays flat on any file (a WAF log can
// bring a new long value in every row). Ids index typed arrays here and in memos keyed by them.
const MAX_IDS = 200_000;
const MAX_CHARS = 8_000_000;

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
  private readonly ids = new Map<string, number>();
  private chars = 0;
  private batch = 1;
  private stamp = new Int32Array(4096);
  private local = new Int32Array(4096);
  /** The natural-key digest of each id's string, at 2·id (computed once per distinct string). */
  digests = new Int32Array(8192);
  /** The id of the string coded last. */
  lastId = -1;
  /** The id of each string of the current batch, by local code. */
  private batchIds = new Int32Array(1024);

  constructor(
    private readonly maxIds = MAX_IDS,
    private readonly maxChars = MAX_CHARS,
  ) {}

  /** The batch-local code of `value` (its id is then `lastId`). */
  code(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.ids.size;
      // Kept beyond this batch: a copy, not a view into the chunk the value was cut from.
      this.ids.set(detach(value), id);
      this.chars += value.length;
      if (id === this.stamp.length) this.grow();
      digestText(value, this.digests, id * 2);
    }
    this.lastId = id;
    if (this.stamp[id] === this.batch) return this.local[id]!;
    this.stamp[id] = this.batch;
    const local = this.dict.push(value) - 1;
    this.local[id] = local;
    if (local === this.batchIds.length) {
      const more = new Int32Array(local * 2);
      more.set(this.batchIds);
      this.batchIds = more;
    }
    this.batchIds[local] = id;
    return local;
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
    // Ids stay below ID_SPAN (the rule engine's memos pack two into one number): at most half of
    // it when a batch starts, and a batch adds far fewer (10 000 rows × 20 text columns).
    if (this.ids.size > this.maxIds || this.chars > this.maxChars || this.ids.size > ID_SPAN / 2) {
      this.ids.clear();
      this.chars = 0;
      this.stamp.fill(0);
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
    const digests = new Int32Array(this.digests.length * 2);
    digests.set(this.digests);
    this.digests = digests;
  }
}
