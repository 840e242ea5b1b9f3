// What a field's value decided (its holding atoms), kept across batches. A batch's dictionary
// codes are its own, so a memo by code starts empty every batch; an import's batches also carry
// ids that stay the same from batch to batch (ingest/string-codes.ts), and a memo by those ids
// decides each distinct path, user agent or path-and-query once per import rather than once per
// batch it appears in (a million web requests: about 300 000 decisions down to about 30 000).

// Past this many values the memo starts over, so memory stays flat on values that never repeat.
const MAX_ENTRIES = 100_000;

export class AtomMemo {
  private epoch = -1;
  private entries = 0;
  private byProgram: Map<number, Int32Array>[] = [];
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
    if (epoch !== this.epoch || this.entries > MAX_ENTRIES || this.byProgram.length !== programs) {
      this.epoch = epoch;
      this.entries = 0;
      this.byProgram = Array.from({ length: programs }, () => new Map());
      this.lists = new Map();
    }
  }

  get(program: number, key: number): Int32Array | undefined {
    return this.byProgram[program]?.get(key);
  }

  set(program: number, key: number, atoms: Int32Array): void {
    let shared = atoms;
    if (atoms.length > 0) {
      const list = atoms.join(',');
      shared = this.lists.get(list) ?? atoms;
      if (shared === atoms) this.lists.set(list, atoms);
    }
    this.byProgram[program]?.set(key, shared);
    this.entries++;
  }
}
