// Texts stored as dictionary ids (interned fields, attribute sets) for the rows of the batch being
// written. A batch codes each distinct string once (batch-codec.ts), so its ids are looked up once
// per code, into a typed array, and every other row reads that array; a code not yet looked up in
// this batch is first looked up by the parser's lasting id of its string, which names it the same
// way in every batch (string-codes.ts). The per-row lookup keyed by the text this replaces hashed
// and compared about five strings per web request (a quarter second of the writer's time per
// million rows, measured), and a lookup per code per batch still hashed each new batch's copies.

/** Text → dictionary id, adding it when new (db/interned-strings.ts, db/attr-sets.ts). */
export type Intern = (text: string) => number;

// Past this many lasting ids a slot's memo starts over: memory stays flat on texts that never repeat.
const MAX_LASTING = 50_000;

export class BatchInterns {
  /** Per slot: the dictionary id of each code of this batch, -1 while not looked up. */
  private readonly byCode: Int32Array[];
  /** Per slot: the dictionary id by lasting id, for the batches of one epoch. */
  private readonly byId: Map<number, number>[];
  private dict: readonly string[] = [];
  private ids: Int32Array = new Int32Array(0);
  private epoch = -1;

  /** One slot per intern (null: a slot never asked for, such as a field stored as text). */
  constructor(private readonly interns: readonly (Intern | null)[]) {
    this.byCode = interns.map(() => new Int32Array(0));
    this.byId = interns.map(() => new Map());
  }

  /**
   * Starts a batch: none of its codes is looked up yet. `ids` are the lasting ids of its strings,
   * given out in `epoch`: a new epoch's ids name other strings, so what was kept by id is dropped.
   */
  start(dict: readonly string[], ids: Int32Array, epoch: number): void {
    this.dict = dict;
    this.ids = ids;
    const newEpoch = epoch !== this.epoch;
    this.epoch = epoch;
    for (let k = 0; k < this.interns.length; k++) {
      if (this.interns[k] === null) continue;
      if (this.byCode[k]!.length < dict.length) this.byCode[k] = new Int32Array(dict.length * 2);
      this.byCode[k]!.fill(-1, 0, dict.length);
      if (newEpoch || this.byId[k]!.size > MAX_LASTING) this.byId[k]!.clear();
    }
  }

  /** The id of string code `code` of this batch in slot `k`'s dictionary. */
  idOf(k: number, code: number): number {
    const memo = this.byCode[k]!;
    let id = memo[code]!;
    if (id >= 0) return id;
    const lasting = this.ids[code]!;
    const byId = this.byId[k]!;
    const known = byId.get(lasting);
    if (known === undefined) {
      id = this.interns[k]!(this.dict[code]!);
      byId.set(lasting, id);
    } else id = known;
    memo[code] = id;
    return id;
  }
}
