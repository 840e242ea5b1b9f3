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
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value);
}

/** Marks trusted markup (our own SVG from ECharts, whose text it escapes itself). */
export const trusted = (text: string) => new Html(text);
