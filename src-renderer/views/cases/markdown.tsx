// A small, safe Markdown subset for case summaries: headings, lists, code blocks, paragraphs,
// **bold**, *italic* and `code`. Everything becomes React text nodes: no HTML is ever parsed, and
// links stay text (a summary may quote hostile URLs from the logs).
import type { ReactNode } from 'react';

type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'code'; text: string }
  | { kind: 'paragraph'; text: string };

export function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  // The lines of an open ``` block (an unclosed one runs to the end).
  let code: string[] | null = null;
  for (const line of lines) {
    if (code) {
      if (line.startsWith('```')) {
        blocks.push({ kind: 'code', text: code.join('\n') });
        code = null;
      } else code.push(line);
      continue;
    }
    if (line.startsWith('```')) {
      flush();
      code = [];
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const [, hashes = '#', text = ''] = heading;
      blocks.push({ kind: 'heading', level: hashes.length as 1 | 2 | 3, text });
    } else if (item) {
      flush();
      const [, text = ''] = item;
      const last = blocks.at(-1);
      if (last?.kind === 'list') last.items.push(text);
      else blocks.push({ kind: 'list', items: [text] });
    } else if (!line.trim()) flush();
    else paragraph.push(line.trim());
  }
  if (code) blocks.push({ kind: 'code', text: code.join('\n') });
  flush();
  return blocks;
}

const INLINE = /(\*\*[^*]+\*\*|\*[^*\s][^*]*\*|`[^`]+`)/;

export function inline(text: string): ReactNode[] {
  return text.split(INLINE).map((part, i) => {
    const key = `${i}`;
    if (i % 2 === 0) return part;
    if (part.startsWith('**')) return <strong key={key}>{part.slice(2, -2)}</strong>;
    if (part.startsWith('`')) return <code key={key}>{part.slice(1, -1)}</code>;
    return <em key={key}>{part.slice(1, -1)}</em>;
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
