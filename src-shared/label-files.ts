// A log's labels beside it: `vigil generate` writes PATH.labels.csv next to PATH. Given together
// (`vigil ingest PATH*`, the Import view, a drop on the desktop window, File › Import…) the two are
// one labelled import, as `vigil ingest PATH --labels PATH.labels.csv` is.

export const LABELS_SUFFIX = '.labels.csv';

/** The name of the log a labels file belongs to (`a.log.labels.csv` → `a.log`). */
export const logNameOf = (labelsName: string) => labelsName.slice(0, -LABELS_SUFFIX.length);

export interface LabelledLog<T> {
  log: T;
  /** The dropped file named like the log plus LABELS_SUFFIX, if any. */
  labels: T | null;
}

/** The names a log's labels file may have: LOG.labels.csv, and for LOG.gz the uncompressed name's too (gzipped after it was written). */
const labelNames = (log: string) =>
  log.endsWith('.gz')
    ? [`${log}${LABELS_SUFFIX}`, `${log.slice(0, -3)}${LABELS_SUFFIX}`]
    : [`${log}${LABELS_SUFFIX}`];

/**
 * The logs among `files`, each with its labels file when that was handed over too, in the order
 * given; `strays` are labels files whose log is not among them (imported as logs they would fail
 * or, worse, pass as a two-column CSV).
 */
export function pairLabelFiles<T extends { name: string }>(
  files: readonly T[],
): { logs: LabelledLog<T>[]; strays: T[] } {
  const byName = new Map(files.map((file) => [file.name, file]));
  const paired = new Set<T>();
  const logs = files
    .filter((file) => !file.name.endsWith(LABELS_SUFFIX))
    .map((log) => {
      const labels = labelNames(log.name)
        .map((name) => byName.get(name))
        .find((file) => file !== undefined && !paired.has(file));
      if (labels) paired.add(labels);
      return { log, labels: labels ?? null };
    });
  const strays = files.filter((file) => file.name.endsWith(LABELS_SUFFIX) && !paired.has(file));
  return { logs, strays };
}
