// The SELECT a pull runs: every mapped field under a name no column of the source can have (an
// alias named like a column would replace that column inside the other expressions), in time order.
import type { SessionFilter } from '../../../../src-shared/domain.js';
import type { SourceInfo, SourceMapping } from '../../../../src-shared/sources.js';
import { whereSql } from './filter-sql.js';
import { sqlIdentifier } from './literal.js';
import { fieldExpr, MAPPABLE_FIELDS } from './mapping.js';

export const ALIAS_PREFIX = 'vigil__';

export function tableSql(source: Pick<SourceInfo, 'database' | 'table'>): string {
  return `${sqlIdentifier(source.database)}.${sqlIdentifier(source.table)}`;
}

/** The mapped fields of a source (those its mapping gives), in the field table's order. */
export function mappedFields(mapping: SourceMapping): string[] {
  return MAPPABLE_FIELDS.map((field) => field.name).filter((name) => mapping[name] !== undefined);
}

function mappedColumnsSql(source: SourceInfo): string {
  return mappedFields(source.mapping)
    .map((name) => `${fieldExpr(source.mapping, name)} AS ${ALIAS_PREFIX}${name}`)
    .join(', ');
}

export function rowsSql(source: SourceInfo, filter: SessionFilter, limit?: number): string {
  return [
    `SELECT ${mappedColumnsSql(source)} FROM ${tableSql(source)}`,
    whereSql(source.mapping, filter),
    `ORDER BY ${ALIAS_PREFIX}startTs`,
    limit === undefined ? '' : `LIMIT ${limit}`,
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Every mapped field on any one row: the check that the mapping runs. No time order, which on 18.16
 * reads every mapped column of every row to find the first (6.9 s of a 7.2 s check on 30 M rows).
 */
export function oneRowSql(source: SourceInfo): string {
  return `SELECT ${mappedColumnsSql(source)} FROM ${tableSql(source)} LIMIT 1`;
}

export function countSql(source: SourceInfo, filter: SessionFilter): string {
  return `SELECT count() AS ${ALIAS_PREFIX}n FROM ${tableSql(source)} ${whereSql(source.mapping, filter)}`;
}
