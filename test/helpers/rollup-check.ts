import type { Db } from '../../src-main/core/db/open.js';
import { DIFFERING_ROWS } from './sql-diff.js';

/**
 * Recomputes every rollup from the sessions table and returns the differences from the stored
 * rollups (an empty list when they agree). Tests use it after imports, duplicates, cancels and crashes.
 */
export function rollupMismatches(db: Db): string[] {
  const problems: string[] = [];
  for (const g of [60_000, 3_600_000, 86_400_000]) {
    const diff = db
      .prepare(
        `WITH truth AS (
           SELECT (start_ts / ${g}) * ${g} AS bucket, coalesce(country, '') AS country, coalesce(detection_type, '') AS dt,
                  count(*) AS n, coalesce(sum(bytes_in), 0) AS bin, coalesce(sum(bytes_out), 0) AS bout
           FROM sessions GROUP BY 1, 2, 3),
         stored AS (SELECT bucket, country, detection_type AS dt, sessions AS n, bytes_in AS bin, bytes_out AS bout
           FROM rollup_time WHERE granularity = ${g})
         ${DIFFERING_ROWS}`,
      )
      .get() as { n: number };
    if (diff.n > 0) problems.push(`rollup_time granularity ${g}: ${diff.n} differing cells`);
  }
  const pairs = db
    .prepare(
      `WITH truth AS (SELECT src_ip, coalesce(dst_ip, '') AS dst_ip, count(*) AS n, coalesce(sum(bytes_in), 0) AS bin,
                             coalesce(sum(bytes_out), 0) AS bout, min(start_ts) AS f, max(start_ts) AS l FROM sessions GROUP BY 1, 2),
       stored AS (SELECT src_ip, dst_ip, sessions, bytes_in, bytes_out, first_ts, last_ts FROM rollup_pairs)
       ${DIFFERING_ROWS}`,
    )
    .get() as { n: number };
  if (pairs.n > 0) problems.push(`rollup_pairs: ${pairs.n} differing rows`);
  const sources = db
    .prepare(
      `WITH truth AS (SELECT src_ip, count(*) AS n, coalesce(sum(bytes_in), 0) AS bin, coalesce(sum(bytes_out), 0) AS bout,
                             min(start_ts) AS f, max(start_ts) AS l FROM sessions GROUP BY 1),
       stored AS (SELECT src_ip, sessions, bytes_in, bytes_out, first_ts, last_ts FROM rollup_sources)
       ${DIFFERING_ROWS}`,
    )
    .get() as { n: number };
  if (sources.n > 0) problems.push(`rollup_sources: ${sources.n} differing rows`);
  return problems;
}
