// Loading Sigma rules: from YAML text, a file, or a folder (every .yml/.yaml under it). A file may
// hold one rule or a collection (several YAML documents; `action: global` sets attributes the
// following rules share until `action: reset`, `action: repeat` repeats the previous rule with
// changes). Every rule that does not load is reported with its file, line and reason; the others
// load regardless.

import fs from 'node:fs';
import path from 'node:path';
import { RULE_FILE_MAX_BYTES } from '../../../src-shared/rule-upload.js';
import { derivedRuleId } from './derived-id.js';
import { ruleDefinition } from './rule-definition.js';
import { RuleError, type YamlPath } from './rule-error.js';
import { readRule } from './rule-meta.js';
import type { LoadResult, RuleRefusal, SigmaRule } from './types.js';
import { readYamlDocuments, type YamlDocument } from './yaml-source.js';

/** A rule file larger than this is refused unread (one limit with the page's uploads). */
export const MAX_RULE_FILE_BYTES = RULE_FILE_MAX_BYTES;

/**
 * `name`: the file's name within the folder loaded (its base name for a file on its own), from
 * which the id of a rule that writes none is derived (derived-id.ts).
 */
export function loadRuleText(text: string, file: string, name = path.basename(file)): LoadResult {
  const rules: SigmaRule[] = [];
  const refused: RuleRefusal[] = [];
  // How many id-less rules of each title this file has had, to tell apart those sharing a title.
  const idlessByTitle = new Map<string, number>();
  const deriveId = (title: string) => {
    const nth = (idlessByTitle.get(title) ?? 0) + 1;
    idlessByTitle.set(title, nth);
    return derivedRuleId(name.split(path.sep).join('/'), title, nth);
  };
  let shared: Record<string, unknown> | null = null;
  let previous: Record<string, unknown> | null = null;
  // The documents a rule is merged from, its own first: a fault inherited from an `action: global`
  // or repeated document is pointed at in that document, where it is written.
  let sharedDocs: YamlDocument[] = [];
  let previousDocs: YamlDocument[] = [];
  for (const doc of readYamlDocuments(text)) {
    let sources = [doc];
    const lineOf = (at: YamlPath) => (sources.find((source) => source.holds(at)) ?? doc).lineOf(at);
    const refuse = (kind: RuleRefusal['kind'], reason: string, at: YamlPath | number, rule?: unknown) => {
      const meta = isMap(rule) ? rule : {};
      refused.push({
        file,
        line: typeof at === 'number' ? at : lineOf(at),
        kind,
        reason,
        ruleId: typeof meta.id === 'string' ? meta.id : null,
        title: typeof meta.title === 'string' ? meta.title : null,
      });
    };
    if (doc.error) {
      refuse('invalid', `YAML: ${doc.error.message}`, doc.error.line);
      previous = null;
      continue;
    }
    if (doc.value === null || doc.value === undefined) continue; // an empty document (e.g. a trailing ---)
    if (!isMap(doc.value)) {
      refuse('invalid', 'a rule must be a YAML map', doc.line);
      continue;
    }
    const { action, ...body } = doc.value;
    if (action === 'global') {
      shared = body;
      sharedDocs = [doc];
      continue;
    }
    if (action === 'reset') {
      shared = null;
      sharedDocs = [];
      continue;
    }
    let merged: Record<string, unknown>;
    if (action === 'repeat') {
      if (!previous) {
        refuse('invalid', 'action: repeat has no rule before it to repeat', ['action']);
        continue;
      }
      merged = deepMerge(previous, body);
      sources = [doc, ...previousDocs];
    } else if (action !== undefined) {
      refuse('invalid', `action "${String(action)}" is not global, reset or repeat`, ['action'], body);
      continue;
    } else {
      merged = shared ? deepMerge(shared, body) : body;
      sources = [doc, ...sharedDocs];
    }
    previous = merged;
    previousDocs = sources;
    const rule = readOne(merged, { file, line: doc.line }, lineOf, refuse, deriveId);
    if (rule) rules.push(rule);
  }
  if (rules.length === 0 && refused.length === 0)
    refused.push({
      file,
      line: 1,
      kind: 'invalid',
      reason: 'the file holds no rule',
      ruleId: null,
      title: null,
    });
  return mergeLoads([{ rules, refused, files: 1 }]);
}

function readOne(
  merged: Record<string, unknown>,
  where: { file: string; line: number },
  lineOf: (path: YamlPath) => number,
  refuse: (kind: RuleRefusal['kind'], reason: string, at: YamlPath, rule: unknown) => void,
  deriveId: (title: string) => string,
): SigmaRule | null {
  try {
    return readRule(merged, where, lineOf, deriveId);
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    refuse(error.kind, error.message, error.path, merged);
    return null;
  }
}

export function loadRuleFile(file: string, name = path.basename(file)): LoadResult {
  const fail = (reason: string): LoadResult => ({
    rules: [],
    refused: [{ file, line: 1, kind: 'invalid', reason, ruleId: null, title: null }],
    files: 1,
  });
  let bytes: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_RULE_FILE_BYTES) return fail(`the file is larger than ${MAX_RULE_FILE_BYTES / 1024} KB`);
    bytes = fs.readFileSync(file);
  } catch (error) {
    return fail(`cannot read the file: ${(error as Error).message}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('the file is not UTF-8 text');
  }
  return loadRuleText(text, file, name);
}

/**
 * Every .yml / .yaml file under `dir` (sub-folders too, in name order), with ids checked unique
 * across them: a second rule with an id already loaded is refused. Hidden files and folders are
 * left out (a cloned rule repository's `.github/` workflows are not rules).
 */
export function loadRuleFolder(dir: string): LoadResult {
  const hidden = (file: string) =>
    path
      .relative(dir, file)
      .split(path.sep)
      .some((part) => part.startsWith('.'));
  const files = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !hidden(file))
    .sort();
  // A refusal's file is shown relative to the folder (the set stores it so): the first rule of a
  // duplicated id is named the same way, not by this machine's absolute path.
  return mergeLoads(
    files.map((file) => loadRuleFile(file, path.relative(dir, file))),
    (file) => path.relative(dir, file),
  );
}

/**
 * Several loads as one, refusing rules whose id an earlier rule already has (named in the reason
 * by `nameOf` its file). A rule without a written id is known by its file and title, so a copy of
 * it in another file would get another id: it is refused as the same definition instead.
 */
export function mergeLoads(
  loads: readonly LoadResult[],
  nameOf: (file: string) => string = (file) => file,
): LoadResult {
  const rules: SigmaRule[] = [];
  const refused: RuleRefusal[] = [];
  const byId = new Map<string, SigmaRule>();
  const byDefinition = new Map<string, SigmaRule>();
  const refuse = (rule: SigmaRule, reason: string) =>
    refused.push({
      file: rule.file,
      line: rule.line,
      kind: 'invalid',
      reason,
      ruleId: rule.derivedId ? null : rule.id,
      title: rule.title,
    });
  for (const load of loads) {
    refused.push(...load.refused);
    for (const rule of load.rules) {
      const where = (other: SigmaRule) => `"${other.title}" (${nameOf(other.file)}:${other.line})`;
      // Ids compare in any case, as `sigma:` looks them up: `Web-Probe-1` and `web-probe-1` are one.
      const idKey = rule.id.toLowerCase();
      const first = byId.get(idKey);
      if (first) {
        refuse(rule, `id ${rule.id} is already used by ${where(first)}`);
        continue;
      }
      const definition = ruleDefinition(rule);
      const same = byDefinition.get(definition);
      if (same && (rule.derivedId || same.derivedId)) {
        refuse(rule, `the same rule as ${where(same)}, loaded already: its hits would count twice`);
        continue;
      }
      byId.set(idKey, rule);
      if (!same) byDefinition.set(definition, rule);
      rules.push(rule);
    }
  }
  return { rules, refused, files: loads.reduce((sum, load) => sum + load.files, 0) };
}

/** `over`'s keys on top of `base`'s, maps merged key by key (Sigma collections' merge). */
function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = out[key];
    out[key] = isMap(under) && isMap(value) ? deepMerge(under, value) : value;
  }
  return out;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
