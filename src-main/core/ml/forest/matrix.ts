// biome-ignore-all lint/style/noNonNullAssertion: the finiteness and label checks read every cell of the matrix and every label once per fit (indexes bounded by the arrays' lengths); a check per read would double their cost.
// Dense inputs shared by the forests: row-major Float32 so a feature matrix built straight from
// SQLite can be handed over (or transferred to a worker) without copying.

export interface DenseMatrix {
  /** Row-major values: row r, column c is `data[r * cols + c]`. */
  data: Float32Array;
  rows: number;
  cols: number;
}

export function assertMatrix(matrix: DenseMatrix, what = 'matrix'): void {
  const { data, rows, cols } = matrix;
  if (!(data instanceof Float32Array)) throw new TypeError(`${what}.data must be a Float32Array`);
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 1) {
    throw new RangeError(`${what} needs integer rows ≥ 0 and cols ≥ 1 (got ${rows} × ${cols})`);
  }
  if (data.length !== rows * cols) {
    throw new RangeError(`${what}.data has ${data.length} values, expected ${rows} × ${cols}`);
  }
}

// Trees only compare values, so NaN or ±Infinity would silently fall to one side; training is
// where that would corrupt every later score, so it is refused there.
export function assertFinite(matrix: DenseMatrix, what = 'matrix'): void {
  const { data, cols } = matrix;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) {
      throw new RangeError(
        `${what} has a non-finite value at row ${Math.floor(i / cols)}, column ${i % cols}`,
      );
    }
  }
}

export function assertColumns(matrix: DenseMatrix, cols: number, what = 'matrix'): void {
  assertMatrix(matrix, what);
  if (matrix.cols !== cols) {
    throw new RangeError(`${what} has ${matrix.cols} columns but the model was trained on ${cols}`);
  }
}

/** Binary labels must be 0/1 and contain both classes: a one-class label has nothing to learn. */
export function assertBinaryLabels(labels: Uint8Array, rows: number): { positives: number } {
  if (!(labels instanceof Uint8Array)) throw new TypeError('labels must be a Uint8Array of 0/1');
  if (labels.length !== rows) throw new RangeError(`labels has ${labels.length} entries for ${rows} rows`);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (y > 1) throw new RangeError(`labels must be 0 or 1 (row ${i} is ${y})`);
    positives += y;
  }
  if (positives === 0 || positives === rows) {
    throw new RangeError(
      `labels contain only class ${positives === 0 ? 0 : 1}: a classifier needs examples of both classes`,
    );
  }
  return { positives };
}
