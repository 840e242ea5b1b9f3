// A small, safe Markdown subset for case summaries: headings, lists, code blocks, paragraphs,
// **bold**, *italic* and `code`, parsed into plain data. The Cases view renders it as React text
// nodes and the case report as escaped HTML: neither ever parses HTML, and links stay text (a
// summary may quote hostile URLs from the logs). One parser, so the report reads as the view does.

export type MarkdownBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'code'; text: string }
  | { kind: 'paragraph'; text: string };

export function parseBlocks(source: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
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

/** An inline span: `**bold**`, `*italic*` or `` `code` ``. */
const INLINE = /(\*\*[^*]+\*\*|\*[^*\s][^*]*\*|`[^`]+`)/;

export interface InlinePart {
  kind: 'text' | 'strong' | 'em' | 'code';
  text: string;
}

/** A line of text as plain runs and styled spans. */
export function inlineParts(text: string): InlinePart[] {
  return text.split(INLINE).map((part, i) => {
    if (i % 2 === 0) return { kind: 'text', text: part };
    if (part.startsWith('**')) return { kind: 'strong', text: part.slice(2, -2) };
    if (part.startsWith('`')) return { kind: 'code', text: part.slice(1, -1) };
    return { kind: 'em', text: part.slice(1, -1) };
  });
}
