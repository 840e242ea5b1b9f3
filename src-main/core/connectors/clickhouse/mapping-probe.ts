// Which fields of a source's mapping do not work on its table. The engine stops at the first
// column it cannot find (ClickHouse 18.16 names one identifier per error), so a mapping with
// several wrong columns was refused once per column, one fix and one `source add` at a time.
// Asked only after the whole mapping failed: one one-row SELECT per mapped field.
import type { SourceInfo } from '../../../../src-shared/sources.js';
import type { SourceConnection } from './client.js';
import { fieldExpr } from './mapping.js';
import { ALIAS_PREFIX, mappedFields, tableSql } from './select.js';
import { engineAnswer } from './server-errors.js';

interface BrokenField {
  field: string;
  expr: string;
  said: string;
  missingColumn: boolean;
}

async function brokenFields(
  connection: SourceConnection,
  source: SourceInfo,
  signal?: AbortSignal,
): Promise<BrokenField[]> {
  const broken: BrokenField[] = [];
  for (const field of mappedFields(source.mapping)) {
    const sql = `SELECT ${fieldExpr(source.mapping, field)} AS ${ALIAS_PREFIX}v FROM ${tableSql(source)} LIMIT 1`;
    try {
      await connection.all(sql, signal);
    } catch (error) {
      const answer = engineAnswer(error);
      // Not the engine's answer (the network went): the probe can say nothing more.
      if (answer === null) throw error;
      broken.push({
        field,
        expr: source.mapping[field] ?? '',
        said: answer.said,
        missingColumn: answer.missingColumn,
      });
    }
  }
  return broken;
}

const listed = (fields: BrokenField[]) => fields.map(({ field, expr }) => `${field} = ${expr}`).join(', ');
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * After the mapping as a whole failed with `failure`: an error naming every field whose column the
 * table lacks (and every other field the engine refuses), or `failure` itself when no single field
 * fails alone (the fields work apart but not together) or the failure was not about a column.
 */
export async function everyBrokenField(
  connection: SourceConnection,
  source: SourceInfo,
  failure: unknown,
  signal?: AbortSignal,
): Promise<unknown> {
  if (!engineAnswer(failure)?.missingColumn) return failure;
  const broken = await brokenFields(connection, source, signal);
  if (broken.length === 0) return failure;
  const missing = broken.filter((b) => b.missingColumn);
  const refused = broken.filter((b) => !b.missingColumn);
  const table = `${source.database}.${source.table}`;
  const parts = [
    missing.length > 0
      ? `${plural(missing.length, 'field', 'fields')} of the mapping name columns ${table} does not have: ${listed(missing)} (first: ${missing[0]?.said})`
      : '',
    refused.length > 0
      ? `${plural(refused.length, 'field', 'fields')} the engine refuses: ${refused.map((b) => `${b.field} = ${b.expr} (${b.said})`).join(', ')}`
      : '',
  ].filter(Boolean);
  return new Error(
    `source "${source.name}": ${parts.join('; ')}. Fix them with --field FIELD=EXPR, or FIELD=NULL for a field the table does not give (a source added already: vigil source remove first).`,
    { cause: failure },
  );
}
