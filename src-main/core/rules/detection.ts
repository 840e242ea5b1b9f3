// A rule's `detection` map → its search identifiers (each a map, a list of maps, or a keyword
// list) and its condition tree. Every refusal names the YAML path it is about.

import { ConditionError, parseCondition } from './condition.js';
import { parseFieldTest } from './field-test.js';
import { invalid, RuleError, unsupported, type YamlPath } from './rule-error.js';
import type { ConditionNode, FieldTest, Selection } from './types.js';

const IDENTIFIER = /^[A-Za-z0-9_.-]+$/;

export function parseDetection(
  detection: unknown,
  lineOf: (path: YamlPath) => number,
): { selections: Selection[]; condition: ConditionNode } {
  const path = ['detection'];
  // Said as title and logsource are when they are missing, rather than as a malformed map.
  if (detection === undefined || detection === null) throw invalid('the rule has no detection', []);
  if (!isMap(detection)) throw invalid('detection must be a map of search identifiers and a condition', path);
  if ('timeframe' in detection)
    throw unsupported('timeframe is not supported: Sigma moved it to correlation rules', [
      ...path,
      'timeframe',
    ]);
  const selections: Selection[] = [];
  for (const [name, value] of Object.entries(detection)) {
    if (name === 'condition') continue;
    const at = [...path, name];
    if (!IDENTIFIER.test(name))
      throw invalid(
        `search identifier "${name}" can only use letters, digits, "_", "-" and "." (the condition must be able to name it)`,
        at,
      );
    selections.push({ name, alternatives: alternatives(value, at), line: lineOf(at) });
  }
  if (selections.length === 0) throw invalid('detection defines no search identifier', path);
  const condition = conditionOf(
    detection.condition,
    selections.map((selection) => selection.name),
  );
  return { selections, condition };
}

function conditionOf(written: unknown, identifiers: string[]): ConditionNode {
  const path = ['detection', 'condition'];
  if (written === undefined) throw invalid('detection has no condition', ['detection']);
  // An old form: a list of conditions, any of which may hold.
  const texts = Array.isArray(written) ? written : [written];
  if (texts.length === 0 || texts.some((text) => typeof text !== 'string'))
    throw invalid('condition must be a string (or a list of strings)', path);
  try {
    const trees = (texts as string[]).map((text) => parseCondition(text, identifiers));
    return trees.length === 1 ? (trees[0] as ConditionNode) : { kind: 'or', of: trees };
  } catch (error) {
    if (error instanceof ConditionError) throw new RuleError(error.kind, `condition: ${error.message}`, path);
    throw error;
  }
}

function alternatives(value: unknown, path: YamlPath): FieldTest[][] {
  if (isMap(value)) return [fieldTests(value, path)];
  if (!Array.isArray(value))
    throw invalid(
      'a search identifier must be a map of fields, a list of such maps, or a list of keywords',
      path,
    );
  if (value.length === 0) throw invalid('a search identifier cannot be an empty list', path);
  if (value.every(isMap)) return value.map((map, index) => fieldTests(map, [...path, index]));
  if (value.every((item) => item === null || typeof item !== 'object'))
    return [[parseFieldTest('', value, path)]];
  throw invalid('a search identifier list must hold only maps or only keywords, not both', path);
}

function fieldTests(map: Record<string, unknown>, path: YamlPath): FieldTest[] {
  const entries = Object.entries(map);
  if (entries.length === 0) throw invalid('a search identifier cannot be an empty map', path);
  return entries.map(([key, value]) => parseFieldTest(key, value, [...path, key]));
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
