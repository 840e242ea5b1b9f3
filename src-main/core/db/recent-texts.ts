// The ids of the texts a writer interned lately (interned-strings.ts), in two generations: a text
// found in the older one moves to the newer one, and when the newer one is full the older one is
// dropped. A single memo that started over at 100 000 texts per field let every field grow with a
// log's distinct values (over 10 M varied web requests: paths 4 000 → 25 000, referrers 1 000 →
// 17 000, never dropped), and with no bound on their length; a text that recurs is seen again
// within a generation and stays, so a dropped one costs one indexed lookup in its table.

/** Texts, and characters, a generation holds before it becomes the older one. */
export const GENERATION_TEXTS = 8192;
export const GENERATION_CHARS = 512 * 1024;

export class RecentTexts {
  private newer = new Map<string, number>();
  private older = new Map<string, number>();
  private newerChars = 0;

  constructor(
    private readonly maxTexts = GENERATION_TEXTS,
    private readonly maxChars = GENERATION_CHARS,
  ) {}

  /** The id remembered for `text`, if it was interned in the last generation or two. */
  get(text: string): number | undefined {
    const id = this.newer.get(text);
    if (id !== undefined) return id;
    const old = this.older.get(text);
    if (old !== undefined) {
      this.older.delete(text);
      this.set(text, old);
    }
    return old;
  }

  set(text: string, id: number): void {
    if (this.newer.size >= this.maxTexts || this.newerChars >= this.maxChars) {
      this.older = this.newer;
      this.newer = new Map();
      this.newerChars = 0;
    }
    this.newer.set(text, id);
    this.newerChars += text.length;
  }

  /** Texts held, both generations (tests). */
  get size(): number {
    return this.newer.size + this.older.size;
  }
}
