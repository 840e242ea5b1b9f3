// The report's HTML templating; escaping itself is shared with the renderer's chart tooltips.
import { escapeHtml } from '../../../src-shared/escape-html.js';

export { escapeHtml };

/** A tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  // Each piece of text after the first follows the value before it.
  return new Html(strings.reduce((out, text, i) => out + render(values[i - 1]) + text));
}

function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value);
}

/** Marks trusted markup (our own SVG from ECharts, whose text it escapes itself). */
export const trusted = (text: string) => new Html(text);
