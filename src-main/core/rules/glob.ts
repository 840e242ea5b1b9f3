// Sigma wildcard patterns (`*` any run, `?` one code unit) matched without a regex: the pattern is
// split at its stars, the first piece must sit at the start (unless the pattern starts with `*`),
// the last at the end, and the pieces between are found leftmost in order — which is enough for
// stars, and takes linear time where a regex with several `.*` could backtrack on a long value.

import { isStar } from './sigma-string.js';
import type { PatternToken } from './types.js';

/** A piece between stars: its characters, with -1 where the pattern has `?`. */
type Piece = Int32Array;

export class WildcardPattern {
  private readonly pieces: Piece[];
  private readonly anchoredStart: boolean;
  private readonly anchoredEnd: boolean;

  /** `tokens` with their literal text already folded when the comparison ignores case. */
  constructor(tokens: readonly PatternToken[]) {
    this.anchoredStart = !(tokens[0] !== undefined && isStar(tokens[0]));
    const last = tokens[tokens.length - 1];
    this.anchoredEnd = !(last !== undefined && isStar(last));
    const pieces: number[][] = [[]];
    for (const token of tokens) {
      if (typeof token === 'string')
        for (let i = 0; i < token.length; i++) pieces[pieces.length - 1]?.push(token.charCodeAt(i));
      else if (token.wildcard === '?') pieces[pieces.length - 1]?.push(-1);
      else pieces.push([]);
    }
    this.pieces = pieces
      .filter((piece, index) => piece.length > 0 || index === 0)
      .map((piece) => Int32Array.from(piece));
    if (this.pieces.length > 1 && this.pieces[0]?.length === 0) this.pieces.shift();
  }

  /** The span [start, end) of `text` the pattern covers, or null when it does not match. */
  match(text: string): [number, number] | null {
    const { pieces, anchoredStart, anchoredEnd } = this;
    const count = pieces.length;
    if (count === 1 && anchoredStart && anchoredEnd) {
      const only = pieces[0] as Piece;
      return only.length === text.length && fitsAt(text, only, 0) ? [0, text.length] : null;
    }
    let from = 0;
    let start = -1;
    let end = 0;
    for (let p = 0; p < count; p++) {
      const piece = pieces[p] as Piece;
      let at: number;
      if (p === 0 && anchoredStart) at = fitsAt(text, piece, 0) ? 0 : -1;
      else if (p === count - 1 && anchoredEnd) {
        at = text.length - piece.length;
        if (at < from || !fitsAt(text, piece, at)) at = -1;
      } else at = find(text, piece, from);
      if (at < 0) return null;
      if (start < 0) start = at;
      from = at + piece.length;
      end = from;
    }
    return [anchoredStart ? 0 : Math.max(start, 0), anchoredEnd ? text.length : end];
  }
}

function fitsAt(text: string, piece: Piece, at: number): boolean {
  if (at + piece.length > text.length) return false;
  for (let i = 0; i < piece.length; i++) {
    const want = piece[i] as number;
    if (want !== -1 && text.charCodeAt(at + i) !== want) return false;
  }
  return true;
}

function find(text: string, piece: Piece, from: number): number {
  for (let at = from; at + piece.length <= text.length; at++) if (fitsAt(text, piece, at)) return at;
  return -1;
}
