import { markMatches } from './highlight.js';

/** A text with the given values marked (a rule's matched value inside the request). */
export function Marked({ text, values }: { text: string; values: readonly string[] }) {
  return (
    <>
      {markMatches(text, values).map((piece, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: pieces are positional and never reordered.
        piece.marked ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>,
      )}
    </>
  );
}
