// Events pulled from CloudWatch Logs are spooled to a file and imported like any log file. The
// event's id travels with it: the file starts with a marker line and each line is
// `<eventId>\t<message>` (the id may be empty). The import strips the ids before the format parser
// sees the messages, so line n of what the parser reads is event n, and keys each row by its
// event's id: overlapping pulls then find the same events, never the n-th of identical messages.

export const EVENT_SPOOL_MARKER = '#vigil-event-spool 1';

/** One spooled event (`message` already on one line). */
export function eventSpoolLine(eventId: string | undefined, message: string): string {
  // CloudWatch event ids are digits; anything that could break the line layout is dropped.
  return `${eventId === undefined ? '' : eventId.replace(/[\t\r\n]/g, '')}\t${message}`;
}

/** True when `text` (a file's first decoded text) is an event spool. */
export function isEventSpool(text: string): boolean {
  return text.startsWith(`${EVENT_SPOOL_MARKER}\n`);
}

/**
 * Reads an event spool as the messages alone, streaming: `push` returns the complete lines of what
 * was given (marker dropped, ids removed) and `idOf` gives the event id of a message's line.
 */
export class EventSpoolReader {
  private pending = '';
  private markerSeen = false;
  /** Event ids of lines not yet asked for, from line `firstQueued` on. */
  private queue: string[] = [];
  private head = 0;
  private firstQueued = 1;

  push(text: string): string {
    const joined = this.pending + text;
    const end = joined.lastIndexOf('\n');
    if (end === -1) {
      this.pending = joined;
      return '';
    }
    this.pending = joined.slice(end + 1);
    return this.unwrap(joined.slice(0, end + 1));
  }

  /** The last line, when the file does not end in a newline. */
  end(): string {
    const rest = this.pending;
    this.pending = '';
    return rest === '' ? '' : this.unwrap(rest);
  }

  /** The event id of message line `line` (1-based), or null when its event had none. */
  idOf(line: number): string | null {
    // Parsers hand rows over in line order, so ids of lines before `line` are no longer needed.
    const skip = line - this.firstQueued;
    if (skip < 0 || skip >= this.queue.length - this.head) return null;
    this.head += skip;
    this.firstQueued = line;
    const id = this.queue[this.head]!;
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return id === '' ? null : id;
  }

  private unwrap(text: string): string {
    let out = '';
    let start = 0;
    while (start < text.length) {
      let nl = text.indexOf('\n', start);
      if (nl === -1) nl = text.length;
      const line = text.slice(start, nl);
      start = nl + 1;
      if (!this.markerSeen) {
        this.markerSeen = true;
        if (line === EVENT_SPOOL_MARKER) continue;
      }
      const tab = line.indexOf('\t');
      this.queue.push(tab === -1 ? '' : line.slice(0, tab));
      out += `${tab === -1 ? line : line.slice(tab + 1)}\n`;
    }
    // The final line of `end()` had no newline; neither does what it becomes.
    return text.endsWith('\n') ? out : out.slice(0, -1);
  }
}
