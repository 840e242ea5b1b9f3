// Batches and rollup windows travel from the parser thread to the writer as typed arrays, whose
// buffers are transferred, not copied. Memory outside the JS heap that dies in the writer is only
// freed when a collection happens to run there, and the writer makes little garbage of its own, so
// tens of megabytes of spent buffers piled up. The writer now sends each buffer back with its
// credit, and the parser copies the next batch or window into one of those.

// Spare buffers kept; more than the batches and windows in flight ever return at once.
const MAX_SPARE = 48;
// And at most this many bytes of them: 48 buffers of every size ever asked for (a rollup window's
// arrays are several MB each) can hold tens of MB outside the parser's heap, where its memory was
// seen growing over a 10 M-line import. A batch's two arrays take about 3 MB, so eight batches in
// flight fit; a buffer given back past the bound is left to this thread's collector.
const MAX_SPARE_BYTES = 32 * 1024 * 1024;

export class ArrayPool {
  private spare: ArrayBuffer[] = [];
  private spareBytes = 0;

  constructor(private readonly maxSpareBytes = MAX_SPARE_BYTES) {}

  /** Buffers the receiving thread is done with. */
  give(buffers: readonly ArrayBuffer[]): void {
    for (const buffer of buffers) {
      const size = buffer.byteLength;
      if (size > 0 && this.spare.length < MAX_SPARE && this.spareBytes + size <= this.maxSpareBytes) {
        this.spare.push(buffer);
        this.spareBytes += size;
      }
    }
  }

  /** `exact`: a new buffer is made at this size, for arrays asked at one size again and again. */
  float64(length: number, exact = false): Float64Array {
    return new Float64Array(this.take(length * 8, exact), 0, length);
  }

  int32(length: number, exact = false): Int32Array {
    return new Int32Array(this.take(length * 4, exact), 0, length);
  }

  /**
   * The smallest spare buffer of at least `bytes`, or a new one: with room to grow into for a
   * rollup window's copy, whose size changes from window to window; at the size asked for a full
   * batch's, which every later full batch asks for again (the room was a fifth of each batch
   * buffer in flight or spare: about 10 MB of the parser's ArrayBuffers).
   */
  private take(bytes: number, exact: boolean): ArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.spare.length; i++) {
      const size = this.spare[i]!.byteLength;
      if (size >= bytes && (best < 0 || size < this.spare[best]!.byteLength)) best = i;
    }
    if (best < 0) return new ArrayBuffer(exact ? bytes : Math.ceil((bytes * 1.25) / 8) * 8);
    const buffer = this.spare[best]!;
    this.spare[best] = this.spare[this.spare.length - 1]!;
    this.spare.pop();
    this.spareBytes -= buffer.byteLength;
    return buffer;
  }
}
