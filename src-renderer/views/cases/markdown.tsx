// The case summary's Markdown (src-shared/markdown.ts) as React text nodes: no HTML is ever parsed.
import type { ReactNode } from 'react';
import { inlineParts, parseBlocks } from '../../../src-shared/markdown.js';

export { parseBlocks };

export function inline(text: string): ReactNode[] {
  return inlineParts(text).map((part, i) => {
    const key = `${i}`;
    if (part.kind === 'strong') return <strong key={key}>{part.text}</strong>;
    if (part.kind === 'code') return <code key={key}>{part.text}</code>;
    if (part.kind === 'em') return <em key={key}>{part.text}</em>;
    return part.text;
  });
}

// `#` is the summary's top level, below the case's own title.
const HEADING_TAGS = { 1: 'h3', 2: 'h4', 3: 'h5' } as const;

export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown" data-testid="case-summary">
      {parseBlocks(source).map((block, i) => {
        const key = `${block.kind}-${i}`;
        if (block.kind === 'heading') {
          const Heading = HEADING_TAGS[block.level];
          return <Heading key={key}>{inline(block.text)}</Heading>;
        }
        if (block.kind === 'list')
          return (
            <ul key={key}>
              {block.items.map((item, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity but their place.
                <li key={j}>{inline(item)}</li>
              ))}
            </ul>
          );
        if (block.kind === 'code') return <pre key={key}>{block.text}</pre>;
        return <p key={key}>{inline(block.text)}</p>;
      })}
    </div>
  );
}
