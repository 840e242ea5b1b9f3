// biome-ignore-all lint/style/noNonNullAssertion: the per-row loops index arrays sized to the batch and the rule set just above them.
// One pass over a batch of sessions for all rules: each field the rules test is read once per
// row and decided once per distinct value (memoized by dictionary code, or by value), then each
// row's holding atoms wake only the rules that use them.

import type { AtomMemo } from './atom-memo.js';
import { type ColumnBatch, columnOf, columnsOfRecords, type FieldColumn, textAt } from './columns.js';
import type { CompiledRuleSet } from './compile.js';
import { explainHit } from './explain.js';
import type { FieldProgram } from './field-program.js';
import { REQUEST_MARK_FIELDS, type RequestRecord, type RuleField } from './fields.js';
import type { RuleHit } from './types.js';

/** Rule hits for an array of session-like records (sessionIndex: the record's index). */
export function evaluateRecords(set: CompiledRuleSet, records: readonly RequestRecord[]): RuleHit[] {
  const fields = [...set.programs.map((program) => program.field), ...REQUEST_MARK_FIELDS];
  return evaluateColumns(set, columnsOfRecords(records, fields));
}

/**
 * Rule hits for a batch of columns (sessionIndex: the row). `memo` keeps what values decided from
 * one batch to the next, for columns with lasting ids (the same memo for every batch of a run).
 */
export function evaluateColumns(set: CompiledRuleSet, batch: ColumnBatch, memo?: AtomMemo): RuleHit[] {
  const rows = batch.rows;
  const columns = set.programs.map((program) => columnOf(batch, program.field));
  const lasting = memo !== undefined && batch.epoch !== undefined ? memo : null;
  lasting?.begin(batch.epoch!, set.programs.length);
  const perField = set.programs.map((program, f) =>
    atomsByRow(program, columns[f]!, rows, lasting === null ? null : { memo: lasting, program: f }),
  );
  const isRequest = requestTest(batch);
  const hits: RuleHit[] = [];
  const truth = new Uint8Array(set.atoms.length);
  const ruleStamp = new Int32Array(set.rules.length).fill(-1);
  const touched: number[] = [];
  const candidates: number[] = [];
  const { atomRules, always, rules } = set;
  for (let row = 0; row < rows; row++) {
    for (let f = 0; f < perField.length; f++) {
      const atoms = perField[f]![row]!;
      for (let a = 0; a < atoms.length; a++) {
        const atom = atoms[a]!;
        if (truth[atom] === 1) continue;
        truth[atom] = 1;
        touched.push(atom);
        const users = atomRules[atom]!;
        for (let u = 0; u < users.length; u++) {
          const rule = users[u]!;
          if (ruleStamp[rule] !== row) {
            ruleStamp[rule] = row;
            candidates.push(rule);
          }
        }
      }
    }
    for (let r = 0; r < always.length; r++) {
      const rule = always[r]!;
      if (ruleStamp[rule] !== row) {
        ruleStamp[rule] = row;
        candidates.push(rule);
      }
    }
    if (candidates.length) {
      candidates.sort((a, b) => a - b);
      // Asked only for a row some rule may hit: most rows wake none.
      const scope = isRequest(row) ? 'request' : 'flow';
      for (const index of candidates) {
        const rule = rules[index]!;
        if (rule.scope !== scope || !rule.holds(truth)) continue;
        const evidence = explainHit(set, rule, truth, (field) => valueAt(set, columns, field, row));
        hits.push({
          sessionIndex: row,
          ruleId: rule.id,
          title: rule.title,
          level: rule.level,
          field: evidence?.field ?? null,
          value: evidence?.value ?? null,
        });
      }
      candidates.length = 0;
    }
    for (const atom of touched) truth[atom] = 0;
    touched.length = 0;
  }
  return hits;
}

/** Whether a row is an HTTP request (REQUEST_MARK_FIELDS): its rules' logsources decide which run. */
function requestTest(batch: ColumnBatch): (row: number) => boolean {
  const marks = REQUEST_MARK_FIELDS.map((field) => columnOf(batch, field));
  return (row) => {
    for (const column of marks) {
      const text = textAt(column, row);
      if (text !== null && text !== '') return true;
    }
    return false;
  };
}

/** A value only for explaining a hit: the column of the program that tests `field`. */
function valueAt(set: CompiledRuleSet, columns: FieldColumn[], field: RuleField, row: number): string | null {
  const f = set.programs.findIndex((program) => program.field === field);
  return f < 0 ? null : textAt(columns[f]!, row);
}

/** Program `program`'s decisions kept across batches, by lasting id (or pair of ids). */
interface Lasting {
  memo: AtomMemo;
  program: number;
}

/**
 * The holding atoms of one field for every row. Dictionary-coded columns are decided once per
 * code, and once per lasting id when the column has ids and a memo is kept across batches; plain
 * values once per distinct value, until the batch shows that values hardly repeat (query strings),
 * where memoizing costs more than it saves.
 */
function atomsByRow(
  program: FieldProgram,
  column: FieldColumn,
  rows: number,
  lasting: Lasting | null,
): Int32Array[] {
  const out = new Array<Int32Array>(rows);
  switch (column.kind) {
    case 'missing':
      out.fill(program.missing);
      return out;
    case 'codes': {
      const memo = new Array<Int32Array | undefined>(column.dict.length);
      const ids = lasting === null || !lasting.memo.uses(lasting.program) ? undefined : column.ids;
      for (let row = 0; row < rows; row++) {
        const code = column.codes[row]!;
        if (code < 0) {
          out[row] = program.missing;
          continue;
        }
        let atoms = memo[code];
        if (atoms === undefined) {
          atoms = ids === undefined ? undefined : lasting!.memo.get(lasting!.program, ids[code]!);
          if (atoms === undefined) {
            const text = column.dict[code];
            atoms = text === null || text === undefined ? program.missing : program.text(text);
            if (ids !== undefined) lasting!.memo.set(lasting!.program, ids[code]!, atoms);
          }
          memo[code] = atoms;
        }
        out[row] = atoms;
      }
      return out;
    }
    case 'values':
      return memoized(
        rows,
        out,
        program,
        (row) => column.values[row] ?? null,
        (value) => program.text(value),
      );
    case 'numbers':
      return memoized(
        rows,
        out,
        program,
        (row) => column.values[row]!,
        (value) => program.number(value),
      );
    case 'derived': {
      const { make, key, lastingKey } = column;
      if (key === null) return memoized(rows, out, program, make, (value) => program.text(value));
      // Keyed by the codes it is made from: the text is only built for combinations not seen yet
      // (in this batch, or in this run when the parts have lasting ids); a batch that shows that
      // combinations hardly repeat (a path with a request id in its query string) stops keying.
      const byKey = new Map<number, Int32Array>();
      const across =
        lastingKey === null || lasting === null || !lasting.memo.uses(lasting.program) ? null : lasting;
      for (let row = 0; row < rows; row++) {
        // (Across batches the memo's hit rate decides instead: values distinct in one batch may
        // still come back in the next ones.)
        if (across === null && mostlyDistinct(row, byKey.size)) {
          for (let rest = row; rest < rows; rest++) {
            const text = make(rest);
            out[rest] = text === null ? program.missing : program.text(text);
          }
          return out;
        }
        const k = key(row);
        let atoms = byKey.get(k);
        if (atoms === undefined) {
          const lastingAt = across === null ? 0 : lastingKey!(row);
          atoms = across?.memo.get(across.program, lastingAt);
          if (atoms === undefined) {
            const text = make(row);
            atoms = text === null ? program.missing : program.text(text);
            across?.memo.set(across.program, lastingAt, atoms);
          }
          byKey.set(k, atoms);
        }
        out[row] = atoms;
      }
      return out;
    }
  }
}

const PROBE_ROWS = 512;
/** Past this share of distinct values among the first PROBE_ROWS rows, a batch memoizes nothing more. */
const MOSTLY_DISTINCT = 0.8;

/** Whether the first PROBE_ROWS rows (`row` is the probe point) brought `distinct` values too many to memoize. */
const mostlyDistinct = (row: number, distinct: number): boolean =>
  row === PROBE_ROWS && distinct > PROBE_ROWS * MOSTLY_DISTINCT;

function memoized<V extends string | number>(
  rows: number,
  out: Int32Array[],
  program: FieldProgram,
  read: (row: number) => V | null,
  decide: (value: V) => Int32Array,
): Int32Array[] {
  const memo = new Map<V, Int32Array>();
  let useMemo = true;
  for (let row = 0; row < rows; row++) {
    const value = read(row);
    if (value === null || (typeof value === 'number' && Number.isNaN(value))) {
      out[row] = program.missing;
      continue;
    }
    if (!useMemo) {
      out[row] = decide(value);
      continue;
    }
    let atoms = memo.get(value);
    if (atoms === undefined) {
      atoms = decide(value);
      memo.set(value, atoms);
    }
    out[row] = atoms;
    // Mostly distinct so far: stop hashing values that will not come back.
    if (mostlyDistinct(row, memo.size)) {
      useMemo = false;
      memo.clear();
    }
  }
  return out;
}
