import { UNRECOGNISED_FORMAT } from '../../../src-shared/import-formats.js';

/**
 * The core's "not recognised" names the CLI's --format / --map / --log-format, which a page cannot
 * pass; the page's own way to give them is the Import as choice. Both the live job and the
 * recorded import (after a restart) say it this way.
 */
export function pageWords(message: string): string {
  if (!message.startsWith(UNRECOGNISED_FORMAT)) return message;
  const file = message.slice(UNRECOGNISED_FORMAT.length).split('. Pass --format')[0];
  return `${UNRECOGNISED_FORMAT}${file}: choose its format or mapping preset under Import as, above, and import it again.`;
}
