// biome-ignore-all lint/style/noNonNullAssertion: the per-field arrays are sized to the programs in begin(), before any lookup.
// What a field's value decided (its holding atoms), kept across batches. A batch's dictionary
// codes are its own, so a memo by code starts empty every batch; an import's batches also carry
// ids that stay the same from batch to batch (ingest/string-codes.ts), and a memo by those ids
// decides each distinct path, user agent or path-and-query once per import rather than once per
// batch it appears in (a million web requests: about 300 000 decisions down to about 30 000).
//
// A field whose values hardly come back (the path-and-query of a log with a request id in every
// query string) gains nothing from it and paid for it twice: a lookup and an insert per row, and,
// by filling the memo, the start-over that threw away every other field's decisions with it. So
// each field's lookups are counted, and a field that found less than one value in ten rests for a
// while (its values decided per batch only), then is measured again; past the bound on entries
// only the field holding the most starts over.

/** Past this many values in all, the field holding the most starts over, so memory stays flat. */
const MAX_ENTRIES = 100_000;
/** Lookups a field makes before its hit rate is judged. */
const JUDGE_AFTER = 4_096;
/** Below this share of lookups found, remembering costs more than it saves. */
const MIN_HIT_RATE = 0.1;
/** Batches a field rests before it is measured again. */
const REST_BATCHES = 16;
/** Distinct lists of atoms kept for sharing; past it the sharing starts over. */
const MAX_LISTS = 10_000;

export class AtomMemo {
  private epoch = -1;
  private entries = 0;
  private byProgram: Map<number, Int32Array>[] = [];
  private lookups = new Int32Array(0);
  private hits = new Int32Array(0);
  /** Per field: batches left before it is remembered again (0: remembered). */
  private resting = new Int32Array(0);
  /**
   * One array per distinct list of atoms: values mostly decide the same few lists, and a small
   * typed array per remembered value made a 10 M-line import's peak RSS about 40 MB higher.
   */
  private lists = new Map<string, Int32Array>();

  /**
   * Readies the memo for a batch whose ids belong to `epoch`: when the ids were given out afresh
   * they name other strings, so everything remembered is dropped.
   */
  begin(epoch: number, programs: number): void {
    if (epoch !== this.epoch || this.byProgram.length !== programs) {
      this.epoch = epoch;
      this.entries = 0;
      this.byProgram = Array.from({ length: programs }, () => new Map());
      this.lists = new Map();
      if (this.resting.length !== programs) {
        this.lookups = new Int32Array(programs);
        this.hits = new Int32Array(programs);
        this.resting = new Int32Array(programs);
      }
    }
    for (let p = 0; p < programs; p++) {
      if (this.resting[p]! > 0) {
        this.resting[p]!--;
        continue;
      }
      if (this.lookups[p]! < JUDGE_AFTER) continue;
      if (this.hits[p]! < this.lookups[p]! * MIN_HIT_RATE) {
        this.resting[p] = REST_BATCHES;
        this.forget(p);
      }
      this.lookups[p] = 0;
      this.hits[p] = 0;
    }
  }

  /** Whether field `program` is remembered in this batch (a resting one is decided per batch only). */
  uses(program: number): boolean {
    return this.resting[program] === 0;
  }

  get(program: number, key: number): Int32Array | undefined {
    const found = this.byProgram[program]?.get(key);
    this.lookups[program]!++;
    if (found !== undefined) this.hits[program]!++;
    return found;
  }

  set(program: number, key: number, atoms: Int32Array): void {
    const memo = this.byProgram[program];
    if (memo === undefined) return;
    if (this.entries >= MAX_ENTRIES) this.forget(this.largest());
    if (this.lists.size >= MAX_LISTS) this.lists = new Map();
    let shared = atoms;
    if (atoms.length > 0) {
      const list = atoms.join(',');
      shared = this.lists.get(list) ?? atoms;
      if (shared === atoms) this.lists.set(list, atoms);
    }
    const before = memo.size;
    memo.set(key, shared);
    this.entries += memo.size - before;
  }

  /** How many values of field `program` are remembered. */
  size(program: number): number {
    return this.byProgram[program]?.size ?? 0;
  }

  private forget(program: number): void {
    const memo = this.byProgram[program];
    if (memo === undefined) return;
    this.entries -= memo.size;
    memo.clear();
  }

  private largest(): number {
    let best = 0;
    for (let p = 1; p < this.byProgram.length; p++)
      if (this.byProgram[p]!.size > this.byProgram[best]!.size) best = p;
    return best;
  }
}
