// Where a rule's matched value sits inside a text shown to the analyst, as pieces to draw with
// <mark>: every occurrence, in any case (rules compare most values in any case).

export interface Piece {
  text: string;
  marked: boolean;
}

export function markMatches(text: string, needles: readonly string[]): Piece[] {
  const lower = text.toLowerCase();
  const marked = new Uint8Array(text.length);
  for (const needle of needles) {
    if (needle.length === 0) continue;
    const target = needle.toLowerCase();
    for (let at = lower.indexOf(target); at >= 0; at = lower.indexOf(target, at + 1))
      marked.fill(1, at, at + target.length);
  }
  const pieces: Piece[] = [];
  for (let i = 0; i < text.length; ) {
    let j = i;
    while (j < text.length && marked[j] === marked[i]) j++;
    pieces.push({ text: text.slice(i, j), marked: marked[i] === 1 });
    i = j;
  }
  return pieces;
}
