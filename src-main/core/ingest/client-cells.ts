// The per-client rollup cells (source, destination → sessions, bytes, first and last start) of many
// rollup windows, summed in the writer's memory and staged (db/staged-pairs.ts) when they fill
// their bound, and added at the merge. A window sums a client's rows within ~60 000
// lines; a log of 240 000 clients brings most of them once per window, so staging each window's
// cells upserted about one cell per line (835 000 upserts per million varied lines, 1.2 µs of
// SQLite's B-tree work each, plus a sort per window for their locality). Summed here first, each
// client is upserted once per bound. Endpoints come as the window's keys (rollup-window.ts): a
// client written the one plain IPv4 way is its number, so no text is held per client; any other
// text gets a number from a map here.
import { numberToIpv4 } from '../../../src-shared/filter/ipv4.js';
import type { SourceSums, StagedPair, StagedPairs } from '../db/staged-pairs.js';
import { CellTable } from './cell-table.js';

// Cells held before they are staged: 2^18 fills the table's typed arrays exactly (about 21 MB,
// outside the JS heap), and holds every client of the varied bench log (240 000).
export const CLIENT_CELLS = 1 << 18;
// Key of a text that is not a plain IPv4 address: past every IPv4 number.
const OTHER = 2 ** 32;
const NONE = -1; // no destination ('')
// Sums of a cell: n, bytes in, bytes out, first start, last start, first window, country code.
const [N, IN, OUT, FIRST, LAST, WINDOW, COUNTRY] = [0, 1, 2, 3, 4, 5, 6];

/** The texts of a window's endpoint keys: a key ≥ 0 is an IPv4 address's number. */
export interface EndpointTexts {
  endpointText(key: number): string;
}

export class ClientCells {
  private readonly cells = new CellTable(2, 7);
  private readonly otherCodes = new Map<string, number>();
  private otherTexts: string[] = [];
  private readonly countryCodes = new Map<string, number>();
  private countries: string[] = [];
  /** Windows added so far: a new cell remembers which one brought it (see StagedPairs). */
  private window = 0;

  constructor(
    private readonly staged: StagedPairs,
    private readonly bound = CLIENT_CELLS,
  ) {}

  /**
   * Adds one pair cell of the current window, with its source's country in that window. The cells
   * are staged as soon as they fill the bound, within a window too: a cell of that window staged
   * again later keeps the same first window and country.
   */
  add(
    texts: EndpointTexts,
    src: number,
    dst: number,
    country: string,
    n: number,
    bytesIn: number,
    bytesOut: number,
    first: number,
    last: number,
  ): void {
    const t = this.cells;
    t.key[0] = src >= 0 ? src : this.keyOf(texts.endpointText(src));
    t.key[1] = dst >= 0 ? dst : this.keyOf(texts.endpointText(dst));
    const at = t.find() * t.valueWidth;
    const v = t.values;
    if (v[at + N] === 0) {
      v[at + FIRST] = first;
      v[at + LAST] = last;
      v[at + WINDOW] = this.window;
      v[at + COUNTRY] = this.countryCode(country);
    } else {
      if (first < v[at + FIRST]!) v[at + FIRST] = first;
      if (last > v[at + LAST]!) v[at + LAST] = last;
    }
    v[at + N]! += n;
    v[at + IN]! += bytesIn;
    v[at + OUT]! += bytesOut;
    if (t.size >= this.bound) this.stage();
  }

  /** The next cells belong to the next window. */
  endWindow(): void {
    this.window++;
  }

  /** Upserts every cell held into the staged pairs and starts empty. */
  stage(): void {
    this.inTextOrder((pair) => this.staged.add(pair));
  }

  /**
   * At the merge (in its transaction): when nothing was staged before, the cells held are every
   * pair of the import, and they go to the real rollups with their sources, each source summed
   * from its pairs (neighbours in text order) with the country of its earliest pair. Otherwise
   * they are staged like the others, and the staging sums the sources.
   */
  finish(): void {
    if (this.staged.staged) {
      this.stage();
      this.staged.stageSources();
      return;
    }
    let source: SourceSums | null = null;
    let sourceWindow = 0;
    this.inTextOrder((pair) => {
      this.staged.addToRollups(pair);
      if (source?.src === pair.src) {
        source.n += pair.n;
        source.bytesIn += pair.bytesIn;
        source.bytesOut += pair.bytesOut;
        source.first = Math.min(source.first, pair.first);
        source.last = Math.max(source.last, pair.last);
        if (pair.firstWindow < sourceWindow) {
          source.country = pair.country;
          sourceWindow = pair.firstWindow;
        }
        return;
      }
      if (source !== null) this.staged.addSourceToRollups(source);
      const { src, country, n, bytesIn, bytesOut, first, last } = pair;
      source = { src, country, n, bytesIn, bytesOut, first, last };
      sourceWindow = pair.firstWindow;
    });
    if (source !== null) this.staged.addSourceToRollups(source);
  }

  /**
   * Hands every cell held to `visit` in the order of their texts (the pair tables are B-trees keyed
   * by them: neighbouring upserts share pages), and starts empty. JS compares UTF-16 code units
   * and SQLite bytes: the orders differ only beyond ASCII, where that costs locality, never
   * correctness. `visit` gets one object, refilled for each cell.
   */
  private inTextOrder(visit: (pair: StagedPair) => void): void {
    const t = this.cells;
    const srcs: string[] = new Array(t.size);
    const dsts: string[] = new Array(t.size);
    for (let slot = 0; slot < t.size; slot++) {
      srcs[slot] = this.textOf(t.keys[slot * 2]!);
      dsts[slot] = this.textOf(t.keys[slot * 2 + 1]!);
    }
    const order = new Int32Array(t.size);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((a, b) => {
      const x = srcs[a]!;
      const y = srcs[b]!;
      if (x !== y) return x < y ? -1 : 1;
      const u = dsts[a]!;
      const w = dsts[b]!;
      return u === w ? 0 : u < w ? -1 : 1;
    });
    const v = t.values;
    const pair: StagedPair = {
      src: '',
      dst: '',
      country: '',
      n: 0,
      bytesIn: 0,
      bytesOut: 0,
      first: 0,
      last: 0,
      firstWindow: 0,
    };
    for (const slot of order) {
      const at = slot * t.valueWidth;
      pair.src = srcs[slot]!;
      pair.dst = dsts[slot]!;
      pair.country = this.countries[v[at + COUNTRY]!]!;
      pair.n = v[at + N]!;
      pair.bytesIn = v[at + IN]!;
      pair.bytesOut = v[at + OUT]!;
      pair.first = v[at + FIRST]!;
      pair.last = v[at + LAST]!;
      pair.firstWindow = v[at + WINDOW]!;
      visit(pair);
    }
    t.clear();
    this.otherCodes.clear();
    this.otherTexts = [];
  }

  /** The key of a text that is not a plain IPv4 address. */
  private keyOf(text: string): number {
    if (text === '') return NONE;
    let code = this.otherCodes.get(text);
    if (code === undefined) {
      code = this.otherTexts.push(text) - 1;
      this.otherCodes.set(text, code);
    }
    return OTHER + code;
  }

  private textOf(key: number): string {
    if (key === NONE) return '';
    if (key >= OTHER) return this.otherTexts[key - OTHER]!;
    return numberToIpv4(key);
  }

  private countryCode(country: string): number {
    let code = this.countryCodes.get(country);
    if (code === undefined) {
      code = this.countries.push(country) - 1;
      this.countryCodes.set(country, code);
    }
    return code;
  }
}
