// Lines encoded straight into 1 MiB buffers. Concatenating millions of lines into strings made
// the generator spend a third of its time in the garbage collector (cons strings, then a flat
// copy, then the stream's own Buffer copy); writing each line into a buffer once avoids all three.
// Buffers come back through recycle() once written, so memory stays at a few of them.

const SIZE = 1 << 20;
// UTF-8 needs at most 3 bytes per UTF-16 unit.
const MAX_BYTES_PER_CHAR = 3;

export class LineBuffer {
  private buffer: Buffer = Buffer.allocUnsafe(SIZE);
  private used = 0;
  /** Buffers filled and not yet taken. */
  private readonly full: Buffer[] = [];
  /** Written buffers, ready for reuse. */
  private readonly spare: Buffer[] = [];

  add(line: string): void {
    if (this.used + line.length * MAX_BYTES_PER_CHAR + 1 > SIZE) this.cut();
    if (line.length * MAX_BYTES_PER_CHAR + 1 > SIZE) {
      this.full.push(Buffer.from(`${line}\n`)); // a line bigger than a chunk gets a buffer of its own
      return;
    }
    this.used += this.buffer.write(line, this.used, 'utf8');
    this.buffer[this.used++] = 10; // \n
  }

  /** True when a full buffer is waiting to be written. */
  get ready(): boolean {
    return this.full.length > 0;
  }

  /** The filled buffers so far, and with `all` the partly filled one too. */
  take(all = false): Buffer[] {
    if (all) this.cut();
    return this.full.splice(0);
  }

  /** Hands back a buffer from take() once the output is done with it. */
  recycle(chunk: Buffer): void {
    if (chunk.buffer.byteLength === SIZE && chunk.byteOffset === 0 && this.spare.length < 8)
      this.spare.push(Buffer.from(chunk.buffer, 0, SIZE));
  }

  private cut(): void {
    if (this.used === 0) return;
    this.full.push(this.buffer.subarray(0, this.used));
    this.buffer = this.spare.pop() ?? Buffer.allocUnsafe(SIZE);
    this.used = 0;
  }
}
