/**
 * Rows in exactly one of the CTEs `truth` and `stored`. Spelled as two subqueries: SQLite's
 * compound operators chain left to right, so `truth EXCEPT stored UNION ALL stored EXCEPT truth`
 * means `((truth EXCEPT stored) UNION ALL stored) EXCEPT truth`, which misses rows absent from `stored`.
 */
export const DIFFERING_ROWS = `SELECT (SELECT count(*) FROM (SELECT * FROM truth EXCEPT SELECT * FROM stored))
  + (SELECT count(*) FROM (SELECT * FROM stored EXCEPT SELECT * FROM truth)) AS n`;
