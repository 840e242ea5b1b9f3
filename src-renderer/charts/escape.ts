// ECharts tooltips are HTML: every string from a log (country, rule, type, protocol) is escaped.
import { escapeHtml } from '../../src-shared/escape-html.js';

export { escapeHtml };

/** One tooltip line: an escaped label and an escaped value. */
export function tooltipLine(marker: string, label: unknown, value: unknown): string {
  // `marker` is ECharts' own colour dot (built from our palette), not log data.
  return `${marker}${escapeHtml(label)}: <b>${escapeHtml(value)}</b>`;
}
