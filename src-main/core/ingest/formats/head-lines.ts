/**
 * Up to `max` non-blank lines of a file's head (for format detection), leaving out a last line
 * the head may have cut short, and `#` comment lines when `skipComments` is set.
 */
export function completeLines(head: string, max: number, skipComments = false): string[] {
  const end = head.lastIndexOf('\n');
  const body = end === -1 ? head : head.slice(0, end);
  const lines: string[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || (skipComments && line.startsWith('#'))) continue;
    lines.push(line);
    if (lines.length === max) break;
  }
  return lines;
}
