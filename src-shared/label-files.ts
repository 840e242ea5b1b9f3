// A log's labels beside it: `vigil generate` writes PATH.labels.csv next to PATH, and the Import
// view takes the two dropped together as one labelled import (`vigil ingest PATH --labels …`).

export const LABELS_SUFFIX = '.labels.csv';

export interface LabelledLog<T> {
  log: T;
  /** The dropped file named like the log plus LABELS_SUFFIX, if any. */
  labels: T | null;
}

/**
 * The logs among `files`, each with its labels file when that was handed over too, in the order
 * given; `strays` are labels files whose log is not among them (imported as logs they would fail
 * or, worse, pass as a two-column CSV).
 */
export function pairLabelFiles<T extends { name: string }>(
  files: readonly T[],
): { logs: LabelledLog<T>[]; strays: T[] } {
  const byName = new Map(files.map((file) => [file.name, file]));
  const isLabelsOf = (file: T) =>
    file.name.endsWith(LABELS_SUFFIX) && byName.has(file.name.slice(0, -LABELS_SUFFIX.length));
  const logs = files
    .filter((file) => !file.name.endsWith(LABELS_SUFFIX))
    .map((log) => ({ log, labels: byName.get(`${log.name}${LABELS_SUFFIX}`) ?? null }));
  const strays = files.filter((file) => file.name.endsWith(LABELS_SUFFIX) && !isLabelsOf(file));
  return { logs, strays };
}
