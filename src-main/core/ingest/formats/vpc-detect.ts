// Recognises VPC Flow Logs from the head of a file: a header line, or default-format records.
import { isIP } from 'node:net';
import { isHeaderLine, isIsoStamp } from './vpc-fields.js';

/** Confidence 0..1 that `head` is a VPC flow log. */
export function detectVpcFlow(head: string): number {
  const lines = completeLines(head, 20);
  if (lines.length === 0) return 0;
  if (isHeaderLine(lines[0]!)) {
    if (lines[0]!.startsWith('version account-id')) return 1;
    const names = lines[0]!.split(/\s+/);
    return names.includes('srcaddr') || names.includes('pkt-srcaddr') ? 0.9 : 0.4;
  }
  let hits = 0;
  for (const line of lines) if (looksLikeDefaultRecord(line)) hits++;
  return (0.95 * hits) / lines.length;
}

/** Up to `max` non-blank lines of `head`, leaving out a last line the head may have cut short. */
function completeLines(head: string, max: number): string[] {
  const end = head.lastIndexOf('\n');
  const body = end === -1 ? head : head.slice(0, end);
  const lines: string[] = [];
  for (const line of body.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '') lines.push(trimmed);
    if (lines.length === max) break;
  }
  return lines;
}

function looksLikeDefaultRecord(line: string): boolean {
  const t = line.split(/\s+/);
  if (t.length === 15 && isIsoStamp(t[0]!)) t.shift();
  if (t.length !== 14 || t[0] !== '2') return false;
  if (isIP(t[3]!) !== 0 && isIP(t[4]!) !== 0) return true;
  return t[3] === '-' && (t[13] === 'NODATA' || t[13] === 'SKIPDATA');
}
