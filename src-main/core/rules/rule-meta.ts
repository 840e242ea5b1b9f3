// A rule document (a YAML map, collections already merged) → a SigmaRule: the attributes Vigil
// needs checked (title, id, level, logsource, detection) and the descriptive ones kept. As in the
// Sigma specification only title, logsource and detection are required: an id or level, when
// written, must be a UUID (or a plain identifier) and one of Sigma's five levels; a rule without id gets a derived one
// (derived-id.ts), a rule without level has none (null).

import { parseDetection } from './detection.js';
import { logsourceMismatch } from './logsource.js';
import { invalid, RuleError, unsupported, type YamlPath } from './rule-error.js';
import { type Logsource, RULE_LEVELS, type RuleLevel, type SigmaRule } from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The specification recommends a UUID, and rule sets in use also name rules `Web-Probe-1` or
// `1017`: such an id loads as written. Not a colon (a Suricata alert's rule is `gid:sid:rev`, and
// `sigma:` looks both up by id) nor a space (the id is typed in a filter and a CLI argument).
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const STATUSES = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'];

export function readRule(
  doc: Record<string, unknown>,
  where: { file: string; line: number },
  lineOf: (path: YamlPath) => number,
  /** The id of a rule that writes none, from its title (the loader knows its file). */
  deriveId: (title: string) => string,
): SigmaRule {
  if ('correlation' in doc) throw unsupported('correlation rules are not supported', ['correlation']);
  // A filter document (`filter:` with the `rules` it applies to, and no `detection`) changes other
  // rules; written either as the specification does or with `rules` beside `filter`.
  if ('filter' in doc && !('detection' in doc))
    throw unsupported('Sigma filter documents (filter: with rules:) are not supported', ['filter']);
  const title = requiredText(doc, 'title');
  if (title.length > 256) throw invalid('title is longer than 256 characters', ['title']);
  if (typeof doc.id === 'number')
    throw invalid(
      `id is a number in YAML (${doc.id}): write it in quotes (id: "${doc.id}") so that it is kept as written`,
      ['id'],
    );
  const id = presentText(doc, 'id');
  if (id !== null && !UUID.test(id) && !IDENTIFIER.test(id))
    throw invalid(
      `id "${id}" is neither a UUID nor an identifier of letters, digits, ".", "_" and "-" (at most 128)`,
      ['id'],
    );
  // Derived before the rest is checked: a rule refused below still takes its place among the
  // id-less rules of its title, so fixing it does not change the ids of those after it. A UUID reads
  // the same in any case (RFC 9562), so it is kept in lower case; another id as its author wrote it.
  const ruleId = id === null ? deriveId(title) : UUID.test(id) ? id.toLowerCase() : id;
  const level = presentText(doc, 'level')?.toLowerCase() ?? null;
  if (level !== null && !(RULE_LEVELS as readonly string[]).includes(level))
    throw invalid(`level "${level}" is not one of ${RULE_LEVELS.join(', ')}`, ['level']);
  const status = optionalText(doc, 'status');
  if (status !== null && !STATUSES.includes(status))
    throw invalid(`status "${status}" is not one of ${STATUSES.join(', ')}`, ['status']);
  const logsource = readLogsource(doc.logsource);
  const mismatch = logsourceMismatch(logsource);
  if (mismatch) throw new RuleError('not-applicable', mismatch, ['logsource']);
  const { selections, condition } = parseDetection(doc.detection, lineOf);
  return {
    id: ruleId,
    ...(id === null ? { derivedId: true as const } : {}),
    title,
    level: level as RuleLevel | null,
    status,
    description: optionalText(doc, 'description'),
    author: optionalText(doc, 'author'),
    tags: textList(doc, 'tags'),
    falsepositives: textList(doc, 'falsepositives'),
    references: textList(doc, 'references'),
    logsource,
    selections,
    condition,
    file: where.file,
    line: where.line,
  };
}

function requiredText(doc: Record<string, unknown>, key: string): string {
  const value = doc[key];
  if (value === undefined || value === null) throw invalid(`the rule has no ${key}`, []);
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(`${key} must be a non-empty string`, [key]);
  return value.trim();
}

/** An attribute that may be left out (or null), but when written is a non-empty string. */
function presentText(doc: Record<string, unknown>, key: string): string | null {
  return doc[key] === undefined || doc[key] === null ? null : requiredText(doc, key);
}

function optionalText(doc: Record<string, unknown>, key: string): string | null {
  const value = doc[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || value instanceof Date) return String(value);
  throw invalid(`${key} must be a string`, [key]);
}

/** A list of strings (one string is taken as a list of one, as rule authors often write it). */
function textList(doc: Record<string, unknown>, key: string): string[] {
  const value = doc[key];
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  list.forEach((item, index) => {
    if (typeof item !== 'string' && typeof item !== 'number')
      throw invalid(`${key} must be a list of strings`, Array.isArray(value) ? [key, index] : [key]);
  });
  return list.map(String);
}

function readLogsource(value: unknown): Logsource {
  if (value === undefined || value === null) throw invalid('the rule has no logsource', []);
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalid('logsource must be a map', ['logsource']);
  const map = value as Record<string, unknown>;
  const part = (key: string) => {
    const item = map[key];
    if (item === undefined || item === null) return null;
    if (typeof item !== 'string') throw invalid(`logsource ${key} must be a string`, ['logsource', key]);
    return item.toLowerCase();
  };
  const source = { category: part('category'), product: part('product'), service: part('service') };
  if (!source.category && !source.product && !source.service)
    throw invalid('logsource needs a category, product or service', ['logsource']);
  return source;
}
