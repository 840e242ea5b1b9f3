// Ids of analyst-made things (cases, IOC lists, tags) that the audit log names: never handed out twice.

/**
 * SQL for the id a new row of `table` takes: above every stored row and every id the audit log
 * names for `entity`, deleted ones included. SQLite's own choice (max(id) + 1) gives a deleted
 * newest row's id to the next one, and then a report, a link, a script's `remove 3` or the audit
 * history of "3" would describe another thing. The audit log is append-only and records each
 * creation, so it remembers every id ever used. Both names are constants of the caller, not input.
 */
export function unusedIdSql(
  table: 'cases' | 'ioc_lists' | 'tags',
  entity: 'case' | 'ioc_list' | 'tag',
): string {
  return `(SELECT max(coalesce((SELECT max(id) FROM ${table}), 0),
    coalesce((SELECT max(CAST(entity_id AS INTEGER)) FROM audit_log WHERE entity = '${entity}'), 0)) + 1)`;
}
