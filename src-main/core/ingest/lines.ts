/**
 * Splits streamed text into lines, across chunk boundaries, with 1-based line numbers.
 * Handles LF and CRLF. A line longer than `maxLine` is reported whole-but-capped as too long,
 * so one runaway line cannot hold the whole file in memory. Each line comes with its offset in
 * the text just pushed (-1 when it was joined across pushes), for readers that work on the bytes.
 */
export class LineSplitter {
  private pending = '';
  private pendingTooLong = false;
  private lineNo = 0;

  constructor(
    private readonly onLine: (line: string, lineNo: number, at: number) => void,
    private readonly onTooLong: (head: string, lineNo: number) => void,
    private readonly maxLine = 1 << 20,
  ) {}

  push(text: string): void {
    let start = 0;
    let nl = text.indexOf('\n');
    while (nl !== -1) {
      let piece = text.slice(start, nl);
      let at = start;
      if (this.pending) {
        piece = this.pending + piece;
        this.pending = '';
        at = -1;
      }
      this.lineNo++;
      if (this.pendingTooLong || piece.length > this.maxLine) {
        this.pendingTooLong = false;
        this.onTooLong(piece.slice(0, 4096), this.lineNo);
      } else {
        this.onLine(piece.endsWith('\r') ? piece.slice(0, -1) : piece, this.lineNo, at);
      }
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    if (start < text.length) {
      if (this.pendingTooLong) return;
      this.pending += text.slice(start);
      if (this.pending.length > this.maxLine) {
        // Keep only the head for the quarantine record; drop the rest until the next newline.
        this.pending = this.pending.slice(0, 4096);
        this.pendingTooLong = true;
      }
    }
  }

  end(): void {
    if (!this.pending && !this.pendingTooLong) return;
    this.lineNo++;
    const piece = this.pending;
    this.pending = '';
    if (this.pendingTooLong) {
      this.pendingTooLong = false;
      this.onTooLong(piece, this.lineNo);
    } else {
      this.onLine(piece.endsWith('\r') ? piece.slice(0, -1) : piece, this.lineNo, -1);
    }
  }
}
