// The model registry: one row per training run, whatever its outcome. JSON columns are written
// and read only here; weights are an opaque blob the model code packs and unpacks.
import {
  BACKEND_NONE,
  BACKEND_PENDING,
  type LabelSource,
  type ModelKind,
  type ModelParams,
  type ModelRun,
  type RunMetrics,
  type SplitKind,
  SUPERVISED_KINDS,
} from '../../../src-shared/models.js';
import { KIND_BENIGN, type Target } from '../../../src-shared/threat-types.js';
import { untestedKinds } from '../../../src-shared/untested-kinds.js';
import { isProcessAlive } from '../process-alive.js';
import { OFF_KINDS_KEY, switchKindOn } from './detection-set.js';
import type { Db } from './open.js';

// A network run that ends before tfjs handed back a model never got a backend: it must not read
// 'pending' for ever beside its final status.
const BACKEND_ENDED = `backend = CASE backend WHEN '${BACKEND_PENDING}' THEN '${BACKEND_NONE}' ELSE backend END`;

export interface NewRun {
  kind: ModelKind;
  /** Omitted: malicious or not. */
  target?: Target;
  params: ModelParams;
  labelSource: LabelSource | null;
  backend: string;
  dataSnapshot: number[];
}

export interface FinishedRun {
  featureSchema: unknown;
  split: SplitKind | null;
  metrics: RunMetrics | null;
  backend: string;
  threshold: number;
  weights: Uint8Array;
  message?: string | null;
}

const SELECT = `SELECT r.id, r.kind, r.target, r.status, r.created_at AS createdAt, r.finished_at AS finishedAt, r.params,
  r.label_source AS labelSource, r.split, r.metrics, r.backend, r.duration_ms AS durationMs,
  r.data_snapshot AS dataSnapshot, r.threshold, r.message, r.active, r.feature_schema AS featureSchema,
  (SELECT count(*) FROM scores s WHERE s.run_id = r.id) AS scoredSessions,
  (SELECT count(*) FROM scores s WHERE s.run_id = r.id AND s.flagged = 1) AS flaggedSessions
  FROM model_runs r`;

interface RunRow {
  id: number;
  kind: ModelKind;
  target: Target;
  status: ModelRun['status'];
  createdAt: number;
  finishedAt: number | null;
  params: string;
  labelSource: string | null;
  split: SplitKind | null;
  metrics: string | null;
  backend: string;
  durationMs: number | null;
  dataSnapshot: string;
  threshold: number | null;
  message: string | null;
  active: number;
  featureSchema: string | null;
  scoredSessions: number;
  flaggedSessions: number;
}

const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

function toRun(row: RunRow): ModelRun {
  const schema = parse<{ columns?: string[] }>(row.featureSchema);
  return {
    id: row.id,
    kind: row.kind,
    target: row.target,
    status: row.status,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    params: parse<ModelParams>(row.params) ?? {},
    labelSource: parse<LabelSource>(row.labelSource),
    split: row.split,
    metrics: parse<RunMetrics>(row.metrics),
    // Runs ended before the backend was cleared on the way out still say 'pending' in the row.
    backend: row.backend === BACKEND_PENDING && row.status !== 'training' ? BACKEND_NONE : row.backend,
    durationMs: row.durationMs,
    dataSnapshot: parse<number[]>(row.dataSnapshot) ?? [],
    threshold: row.threshold,
    message: row.message,
    active: row.active === 1,
    features: schema?.columns ?? [],
    scoredSessions: row.scoredSessions,
    flaggedSessions: row.flaggedSessions,
  };
}

export function createRun(db: Db, run: NewRun): number {
  const info = db
    .prepare(
      `INSERT INTO model_runs (kind, target, status, created_at, params, label_source, backend, data_snapshot, owner_pid)
       VALUES (?, ?, 'training', ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      run.kind,
      run.target ?? 'malicious',
      Date.now(),
      JSON.stringify(run.params),
      run.labelSource ? JSON.stringify(run.labelSource) : null,
      run.backend,
      JSON.stringify(run.dataSnapshot),
      process.pid,
    );
  return Number(info.lastInsertRowid);
}

/**
 * Marks interrupted the runs left 'training' by a process that no longer exists (a crash or a
 * kill), so no run stays "training" forever. Runs of live processes, this one included, are left
 * alone. Returns the ids it marked.
 */
export function interruptOrphanedRuns(db: Db): number[] {
  const training = db
    .prepare(`SELECT id, owner_pid AS ownerPid FROM model_runs WHERE status = 'training'`)
    .all() as { id: number; ownerPid: number | null }[];
  const orphaned = training.filter((run) => run.ownerPid === null || !isProcessAlive(run.ownerPid));
  const interrupt = db.prepare(
    `UPDATE model_runs SET status = 'interrupted', finished_at = ?, message = ?, ${BACKEND_ENDED}
     WHERE id = ? AND status = 'training'`,
  );
  for (const run of orphaned)
    interrupt.run(
      Date.now(),
      'Interrupted: the process training it stopped before the run finished.',
      run.id,
    );
  return orphaned.map((run) => run.id);
}

/**
 * Writes everything a finished run has in one statement, and only for a run still training: a run
 * cancelled meanwhile stays cancelled, with no weights. The first finished run of a kind becomes
 * that kind's active model, unless the kind is switched off or the run names kinds it was not tested on. Returns whether the run was finished.
 */
export function finishRun(db: Db, id: number, done: FinishedRun): boolean {
  return db.transaction(() => {
    const info = db
      .prepare(
        `UPDATE model_runs SET status = 'done', finished_at = @now, duration_ms = @now - created_at,
           feature_schema = @schema, split = @split, metrics = @metrics, backend = @backend,
           threshold = @threshold, weights = @weights, message = @message
         WHERE id = @id AND status = 'training'`,
      )
      .run({
        id,
        now: Date.now(),
        schema: JSON.stringify(done.featureSchema),
        split: done.split,
        metrics: done.metrics ? JSON.stringify(done.metrics) : null,
        backend: done.backend,
        threshold: done.threshold,
        weights: Buffer.from(done.weights.buffer, done.weights.byteOffset, done.weights.byteLength),
        message: done.message ?? null,
      });
    if (info.changes !== 1) return false;
    // A run naming kinds it was never tested on waits for the analyst to accept it (activation
    // refuses it unasked too, services/models.ts): it must not start naming them on its own.
    if (untestedKinds(done.metrics?.multiclass).length > 0) return true;
    // A kind the analyst switched off stays off: a new run must not change what is flagged unasked.
    db.prepare(
      `UPDATE model_runs SET active = 1 WHERE id = ? AND NOT EXISTS
         (SELECT 1 FROM model_runs o WHERE o.kind = model_runs.kind AND o.active = 1)
         AND kind NOT IN (SELECT value FROM json_each(coalesce((SELECT value FROM settings WHERE key = ?), '[]')))`,
    ).run(id, OFF_KINDS_KEY);
    return true;
  })();
}

/** Ends a run that is still training as failed or cancelled; never touches a finished run. */
export function endRun(db: Db, id: number, status: 'failed' | 'cancelled', message: string): void {
  db.prepare(
    `UPDATE model_runs SET status = ?, message = ?, finished_at = ?, duration_ms = ? - created_at,
       ${BACKEND_ENDED}
     WHERE id = ? AND status = 'training'`,
  ).run(status, message, Date.now(), Date.now(), id);
}

export function getRun(db: Db, id: number): ModelRun | undefined {
  const row = db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RunRow | undefined;
  return row ? toRun(row) : undefined;
}

export function listRuns(db: Db): ModelRun[] {
  return (db.prepare(`${SELECT} ORDER BY r.id DESC`).all() as RunRow[]).map(toRun);
}

/** What the screens and jobs need of the active run, without counting its scores. */
export interface ActiveRunRef {
  id: number;
  kind: ModelKind;
  target: Target;
  threshold: number | null;
  createdAt: number;
}

/**
 * The active run: the most recently finished of the runs marked active (one per kind), or of
 * `kind`, or of a supervised kind, or of the runs that learned `target` (threat types: the
 * Overview's split of flags by kind, case reports). The one definition the graph's colours, the
 * flag queue, "label next", case reports and scoring's default read.
 */
export function activeRun(
  db: Db,
  which: { kind?: ModelKind; supervised?: boolean; target?: Target } = {},
): ActiveRunRef | null {
  const kinds = which.kind ? [which.kind] : which.supervised ? SUPERVISED_KINDS : null;
  const row = db
    .prepare(
      `SELECT id, kind, target, threshold, created_at AS createdAt FROM model_runs
       WHERE active = 1 AND status = 'done' AND (@kinds IS NULL OR kind IN (SELECT value FROM json_each(@kinds)))
         AND (@target IS NULL OR target = @target)
       ORDER BY coalesce(finished_at, created_at) DESC, id DESC LIMIT 1`,
    )
    .get({ kinds: kinds ? JSON.stringify(kinds) : null, target: which.target ?? null }) as
    | ActiveRunRef
    | undefined;
  return row ?? null;
}

/** The kinds of threat a threat-type run knows, benign left out (none for a malicious-or-not run). */
export function runKinds(db: Db, id: number): string[] {
  const classes = db
    .prepare(`SELECT json_extract(metrics, '$.multiclass.classes') FROM model_runs WHERE id = ?`)
    .pluck()
    .get(id) as string | null | undefined;
  return classes ? (JSON.parse(classes) as string[]).filter((kind) => kind !== KIND_BENIGN) : [];
}

/** What scoring needs to rebuild a model: its feature schema and weights. */
export function runArtifacts(
  db: Db,
  id: number,
): { featureSchema: unknown; weights: Uint8Array } | undefined {
  const row = db
    .prepare(`SELECT feature_schema AS schema, weights FROM model_runs WHERE id = ? AND status = 'done'`)
    .get(id) as { schema: string | null; weights: Buffer | null } | undefined;
  if (!row?.schema || !row.weights) return undefined;
  return { featureSchema: JSON.parse(row.schema), weights: new Uint8Array(row.weights) };
}

/** Makes a finished run the active model of its kind (the previous one steps down; the kind is on). */
export function setActiveRun(db: Db, id: number): void {
  db.transaction(() => {
    const run = db.prepare(`SELECT kind, status FROM model_runs WHERE id = ?`).get(id) as
      | { kind: string; status: string }
      | undefined;
    if (!run) throw new Error(`No model run with id ${id}`);
    if (run.status !== 'done')
      throw new Error(`Run ${id} is ${run.status}: only a finished run can be active`);
    db.prepare(`UPDATE model_runs SET active = 0 WHERE kind = ? AND active = 1`).run(run.kind);
    db.prepare(`UPDATE model_runs SET active = 1 WHERE id = ?`).run(id);
    switchKindOn(db, run.kind as ModelKind);
  })();
}
