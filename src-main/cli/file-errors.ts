// What the CLI says of a file a command cannot read: the words live in core (the import pipeline
// records them too).
import fs from 'node:fs';
import { whyUnreadable } from '../core/file-errors.js';

export { inPlainWords, whyUnreadable } from '../core/file-errors.js';

/** The text of a file a command reads (an IOC list, a detection map), or an error naming it in words. */
export function readTextFile(file: string, what: string): string {
  const why = whyUnreadable(file);
  if (why) throw new Error(`${what} ${file}: ${why}`);
  return fs.readFileSync(file, 'utf8');
}
