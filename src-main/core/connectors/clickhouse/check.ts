// `vigil source test`: the source answers, the table exists, every mapped column or expression is
// valid there, and how many rows over which time span it holds.
import type { SourceCheck, SourceInfo } from '../../../../src-shared/sources.js';
import { type SourceConnectionOptions, withSource } from './client.js';
import { fieldExpr } from './mapping.js';
import { everyBrokenField } from './mapping-probe.js';
import { wronglyTyped } from './mapping-types.js';
import { ALIAS_PREFIX, oneRowSql, tableSql } from './select.js';

export async function checkSource(
  source: SourceInfo,
  options: SourceConnectionOptions = {},
  /** Cancel (the Import view's Test): stops the check's query on the engine. */
  signal?: AbortSignal,
): Promise<SourceCheck> {
  const started = Date.now();
  return withSource(source, options, async (connection) => {
    const [about] = await connection.all<{ version: string }>('SELECT version() AS version', signal);
    // One row through every mapped expression: a missing column or a wrong expression fails here,
    // and then every field at fault is named at once.
    try {
      await connection.all(oneRowSql(source), signal);
    } catch (error) {
      throw await everyBrokenField(connection, source, error, signal);
    }
    // Every expression runs; each must also give what Vigil reads (epoch ms, numbers).
    const wrong = await wronglyTyped(connection, source, signal);
    if (wrong) throw wrong;
    const start = fieldExpr(source.mapping, 'startTs');
    const P = ALIAS_PREFIX;
    const [span] = await connection.all(
      `SELECT count() AS ${P}n, min(${start}) AS ${P}first, max(${start}) AS ${P}last FROM ${tableSql(source)}`,
      signal,
    );
    const rows = Number(span?.[`${P}n`] ?? 0);
    return {
      name: source.name,
      version: about?.version ?? 'unknown',
      rows,
      firstTs: rows > 0 ? Number(span?.[`${P}first`]) : null,
      lastTs: rows > 0 ? Number(span?.[`${P}last`]) : null,
      milliseconds: Date.now() - started,
    };
  });
}
