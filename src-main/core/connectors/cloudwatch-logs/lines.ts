// Each CloudWatch event becomes one line of a spool file, the unit every log format reads.

/**
 * One event message as one line. A message with line breaks inside (pretty-printed JSON, stack
 * traces) would otherwise become several records: JSON is compacted, other text joined with spaces.
 */
export function eventLine(message: string): string {
  const text = message.replace(/\r?\n$/, '');
  if (!/[\r\n]/.test(text)) return text;
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') {
    try {
      return JSON.stringify(JSON.parse(text));
    } catch {
      // Not JSON after all: joined below, and the format parser will say what is wrong with it.
    }
  }
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * The line imported for one Insights result row: its @message (the raw event) unless the analyst
 * maps the row's fields with a preset, in which case the whole row as a JSON object.
 */
export function insightsLine(row: Record<string, string>, mapFields: boolean): string | null {
  if (mapFields) return JSON.stringify(row);
  const message = row['@message'];
  return message === undefined ? null : eventLine(message);
}

/** Insights @timestamp: "2024-05-01 12:00:00.000" (UTC) from AWS, epoch ms from some emulators. */
export function insightsTimestamp(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(`${value.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? null : ms;
}
