// Apache and nginx access logs in the Common or Combined Log Format and their common variants
// (virtual host first, request or upstream time after, X-Forwarded-For or key=value pairs after).
// Plain lines take the fast lane; the rest, and every line of a chunk that is not all ASCII, the
// general one.
import type { FormatDefinition, SessionRow } from '../types.js';
import { CombinedFastLine } from './combined-fast-line.js';
import { ClfAttrs, CombinedRowReader } from './combined-row.js';
import { completeLines } from './head-lines.js';
import { LineRecordParser } from './line-records.js';

export const combined: FormatDefinition = {
  id: 'combined',
  label: 'Apache/nginx access log (Common or Combined Log Format)',
  detect(head) {
    const lines = completeLines(head, 20);
    if (lines.length === 0) return 0;
    const reader = new CombinedRowReader(new ClfAttrs());
    let hits = 0;
    for (const [i, line] of lines.entries()) {
      try {
        reader.read(line, i + 1);
        hits++;
      } catch {
        // not this format
      }
    }
    return (0.9 * hits) / lines.length;
  },
  createParser: () => new CombinedParser(),
};

class CombinedParser extends LineRecordParser {
  private readonly attrs = new ClfAttrs();
  private readonly fast = new CombinedFastLine(this.attrs);
  private readonly general = new CombinedRowReader(this.attrs);

  protected override fastRow(line: string, bytes: Buffer, at: number, lineNo: number): SessionRow | null {
    return this.fast.read(line, bytes, at, lineNo);
  }

  protected toRow(line: string, lineNo: number): SessionRow {
    return this.general.read(line, lineNo);
  }
}
