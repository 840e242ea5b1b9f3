// The case summary in the report as the Cases view shows it: the same Markdown subset
// (src-shared/markdown.ts), every piece of text escaped. `#` is the summary's top level, below the
// report's own headings, as in the view.
import { inlineParts, parseBlocks } from '../../../src-shared/markdown.js';
import { type Html, html, trusted } from './escape.js';

const HEADING_TAGS = { 1: 'h3', 2: 'h4', 3: 'h5' } as const;

function inline(text: string): Html[] {
  return inlineParts(text).map((part) => {
    if (part.kind === 'strong') return html`<strong>${part.text}</strong>`;
    if (part.kind === 'em') return html`<em>${part.text}</em>`;
    if (part.kind === 'code') return html`<code>${part.text}</code>`;
    return html`${part.text}`;
  });
}

export function summaryHtml(source: string): Html {
  return html`${parseBlocks(source).map((block) => {
    if (block.kind === 'heading') {
      const tag = HEADING_TAGS[block.level];
      // The tag is one of three fixed names, so it is written as markup, not escaped.
      return html`${trusted(`<${tag}>`)}${inline(block.text)}${trusted(`</${tag}>`)}`;
    }
    if (block.kind === 'list')
      return html`<ul>${block.items.map((item) => html`<li>${inline(item)}</li>`)}</ul>`;
    if (block.kind === 'code') return html`<pre>${block.text}</pre>`;
    return html`<p>${inline(block.text)}</p>`;
  })}`;
}
