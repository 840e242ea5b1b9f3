// Which mapped fields give a type Vigil cannot use. The engine runs any expression, so a DateTime
// start time or a String port passes the one-row check, and then fails later and unclearly: a time
// range compared with a DateTime matches nothing (every pull finds 0 rows), `source test` cannot
// show the span, a port: filter is refused. The types come from the answer's header (no row needed).
import { SESSION_FIELDS } from '../../../../src-shared/fields/index.js';
import type { SourceInfo } from '../../../../src-shared/sources.js';
import type { SourceConnection } from './client.js';
import { ALIAS_PREFIX, rowsSql } from './select.js';

/** Field → its type, for the fields carried as numbers (times are epoch ms). */
const NUMERIC_TYPE = new Map<string, string>(
  SESSION_FIELDS.filter((field) => field.type !== 'text').map((field) => [field.name, field.type]),
);

/** The engine type without the wrappers that do not change what a value is. */
function bareType(type: string): string {
  const inner = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type);
  return inner?.[1] !== undefined ? bareType(inner[1]) : type;
}

/** Numbers of any width; Nothing is the type of NULL (a field the table does not give). */
const isNumber = (type: string) => /^(U?Int\d+|Float\d+|Decimal.*|Nothing)$/.test(bareType(type));

/** What to write instead, so the message can be followed as it is. */
function conversion(field: string, fieldType: string, type: string, expr: string): string {
  const bare = bareType(type);
  if (fieldType === 'time' && /^Date/.test(bare)) return `toUInt64(toUnixTimestamp(${expr})) * 1000`;
  if (fieldType === 'time' && bare === 'String')
    return `toUInt64(toUnixTimestamp(parseDateTimeBestEffort(${expr}))) * 1000`;
  if (bare === 'String' || bare.startsWith('FixedString'))
    return fieldType === 'number' ? `toFloat64OrNull(${expr})` : `toUInt64OrNull(${expr})`;
  return `${field}'s value as a number`;
}

/** An error naming every field whose type is wrong for it, or null when every type fits. */
export async function wronglyTyped(
  connection: SourceConnection,
  source: SourceInfo,
  signal?: AbortSignal,
): Promise<Error | null> {
  const header: string[] = [];
  await connection.lines(
    rowsSql(source, {}, 0),
    'TabSeparatedWithNamesAndTypes',
    (lines) => {
      header.push(...lines);
    },
    signal,
  );
  const names = (header[0] ?? '').split('\t');
  const types = (header[1] ?? '').split('\t');
  const wrong = names.flatMap((alias, i) => {
    const field = alias.slice(ALIAS_PREFIX.length);
    const fieldType = NUMERIC_TYPE.get(field);
    const type = types[i] ?? '';
    if (fieldType === undefined || isNumber(type)) return [];
    const expr = source.mapping[field] ?? '';
    const needed = fieldType === 'time' ? 'epoch milliseconds are needed' : 'a number is needed';
    return [
      `${field} = ${expr} gives ${type}, ${needed} (--field '${field}=${conversion(field, fieldType, type, expr)}')`,
    ];
  });
  if (wrong.length === 0) return null;
  return new Error(
    `source "${source.name}": ${wrong.length} ${wrong.length === 1 ? 'field' : 'fields'} of the mapping give the wrong type: ${wrong.join('; ')}. (A source added already: vigil source remove first.)`,
  );
}
