import type { Db } from '../../src-main/core/db/open.js';
import { DIFFERING_ROWS } from './sql-diff.js';

const bin = (c: string) => `CASE WHEN ${c} < 1 THEN 0 ELSE CAST(floor(log2(${c})) AS INTEGER) + 1 END`;

/** Both-way difference count between a truth query and the stored rows. */
function differing(db: Db, truth: string, stored: string): number {
  return (
    db
      .prepare(
        `WITH truth AS (${truth}), stored AS (${stored})
         ${DIFFERING_ROWS}`,
      )
      .get() as { n: number }
  ).n;
}

/**
 * Recomputes the analytics rollups (migration 004) from sessions, independently of the migration's
 * own SQL, and lists where the stored ones differ (empty when they agree).
 */
export function analyticsMismatches(db: Db): string[] {
  const problems: string[] = [];
  for (const g of [3_600_000, 86_400_000, 0]) {
    const dims = `${g === 0 ? '0' : `(start_ts / ${g}) * ${g}`} AS b, coalesce(country, '') AS c, coalesce(detection_type, '') AS t`;
    const hist = [
      ['bytes_in', 0],
      ['bytes_out', 1],
      ['end_ts - start_ts', 2],
    ]
      .map(
        ([column, metric]) =>
          `SELECT ${dims}, ${metric} AS m, ${bin(String(column))} AS k, count(*) AS n FROM sessions WHERE ${column} IS NOT NULL GROUP BY 1, 2, 3, 5`,
      )
      .join(' UNION ALL ');
    const h =
      g === 3_600_000
        ? 0
        : differing(
            db,
            hist,
            `SELECT bucket, country, detection_type, metric, bin, sessions FROM rollup_hist WHERE granularity = ${g}`,
          );
    if (h) problems.push(`rollup_hist ${g}: ${h} differing cells`);
    const p = differing(
      db,
      `SELECT ${dims}, coalesce(protocol, '') AS p, coalesce(dst_port, -1) AS port, count(*) AS n,
              coalesce(sum(bytes_in), 0) AS bi, coalesce(sum(bytes_out), 0) AS bo FROM sessions GROUP BY 1, 2, 3, 4, 5`,
      `SELECT bucket, country, detection_type, protocol, dst_port, sessions, bytes_in, bytes_out FROM rollup_ports WHERE granularity = ${g}`,
    );
    if (p) problems.push(`rollup_ports ${g}: ${p} differing cells`);
  }
  const v = differing(
    db,
    `SELECT 'rule', rule_name, count(*) FROM sessions WHERE rule_name IS NOT NULL GROUP BY 2
     UNION ALL SELECT 'action', action, count(*) FROM sessions WHERE action IS NOT NULL GROUP BY 2
     UNION ALL SELECT 'label', label, count(*) FROM sessions WHERE label IS NOT NULL GROUP BY 2`,
    'SELECT field, value, sessions FROM rollup_values',
  );
  if (v) problems.push(`rollup_values: ${v} differing rows`);
  return problems;
}
