// Reads an IOC list: one IP or CIDR per line, or CSV rows whose first address-looking cell is used.
import type { IocBadLine } from '../../../src-shared/triage.js';
import type { IocEntryRow } from '../db/ioc.js';
import { parseIpOrCidr, storedBound } from './ip-ranges.js';

const MAX_SHOWN = 60;

function cells(line: string): string[] {
  return line.split(/[,;\t]/).map((cell) =>
    cell
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );
}

export function parseIocText(text: string): { entries: IocEntryRow[]; bad: IocBadLine[] } {
  const entries: IocEntryRow[] = [];
  const bad: IocBadLine[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.replace(/^\uFEFF/, '').trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const candidates = cells(trimmed).filter((cell) => cell !== '');
    let firstError: string | undefined;
    for (const cell of candidates) {
      const range = parseIpOrCidr(cell);
      if ('error' in range) {
        firstError ??= `"${cell.slice(0, MAX_SHOWN)}": ${range.error}`;
        continue;
      }
      entries.push({
        family: range.family,
        lo: storedBound(range.family, range.lo),
        hi: storedBound(range.family, range.hi),
        text: cell,
        line,
      });
      return;
    }
    // A first CSV row without any address is a header, not a mistake.
    if (line === 1 && candidates.length > 1) return;
    bad.push({ line, text: trimmed.slice(0, 200), reason: firstError ?? 'no IP address or CIDR block' });
  });
  return { entries, bad };
}
