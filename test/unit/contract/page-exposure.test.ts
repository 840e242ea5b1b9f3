// The page shows hostile log data, so what it can call is decided in the contract: an operation
// offered to a page (the desktop app's over IPC, serve mode's over HTTP) must not take a file path
// or a network endpoint. This reads every page operation's argument schema, not only what the
// operation declares, so a new operation with a `path` or a URL argument fails here.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { operationNames, operations, operationsFor, pageOperationNames } from '../../../src-shared/api.js';

/** Words of an argument key (camelCase or snake_case) that name a file or a host. */
const REACHING_WORDS = new Set([
  'path',
  'paths',
  'file',
  'files',
  'dir',
  'directory',
  'folder',
  'endpoint',
  'url',
  'uri',
  'host',
  'hostname',
]);
const reachingKey = (key: string) =>
  key.split(/(?=[A-Z])|_/).some((word) => REACHING_WORDS.has(word.toLowerCase()));

/** Keys that look like one but only label a record; each says why nothing is read or reached. */
const HARMLESS: Record<string, string> = {
  // The detection map itself travels in the arguments; the file name is stored beside the run.
  'train: args.labels.file': 'where the label map was read from, kept for the record only',
  // A flag: the edge ends at a host node, so its destination is a Host header matched in the
  // stored requests (db/host-edges.ts), never a name that is looked up or connected to.
  'edgeSessions: args.toHost':
    'says the edge ends at a host node; the host is only matched in stored requests',
  // The page's rule files travel as text; nothing is read from the machine. A relative path only
  // places a file inside the set's folder Vigil owns: `..`, absolute parts, backslashes and NUL are
  // refused by the schema (src-shared/rule-upload.ts) and again before writing.
  'addRuleFiles: args.files': 'the rule files themselves, as text',
  'addRuleFiles: args.files.relativePath':
    "where a sent file goes inside Vigil's own rules folder; a path that leaves it is refused",
};

interface Def {
  type: string;
  format?: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  valueType?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Every place in `schema` that takes a path or an endpoint, as `key.key` trails. */
function reachingArguments(schema: z.ZodType, trail = 'args'): string[] {
  const def = defOf(schema);
  const found: string[] = [];
  if (def.type === 'string' && def.format === 'url') found.push(`${trail} (a URL)`);
  for (const [key, value] of Object.entries(def.shape ?? {})) {
    if (reachingKey(key)) found.push(`${trail}.${key}`);
    found.push(...reachingArguments(value, `${trail}.${key}`));
  }
  for (const inner of [def.innerType, def.element, def.in, def.out, def.valueType, def.left, def.right])
    if (inner) found.push(...reachingArguments(inner, trail));
  for (const option of def.options ?? []) found.push(...reachingArguments(option, trail));
  return found;
}

describe('what a page may call', () => {
  it('lists the page operations, and none of them takes a path or an endpoint', () => {
    const offenders = pageOperationNames
      .flatMap((name) => reachingArguments(operations[name].args).map((where) => `${name}: ${where}`))
      .filter((where) => !(where in HARMLESS));
    expect(offenders).toEqual([]);
    // Both pages get the same operations: the renderer cannot tell which shell it runs in.
    expect(operationsFor('app')).toEqual(pageOperationNames);
    expect(operationsFor('served')).toEqual(pageOperationNames);
    expect(pageOperationNames).toEqual(expect.arrayContaining(['importFiles', 'listCloudWatchGroups']));
  });

  it('the walk finds what it looks for, so the check above can fail', () => {
    expect(reachingArguments(operations.startImport.args)).toEqual(['args.paths']);
    expect(reachingArguments(operations.exportReport.args)).toEqual(['args.path']);
    expect(reachingArguments(operations.listLogGroups.args)).toEqual([
      'args.endpoint',
      'args.endpoint (a URL)',
    ]);
    expect(reachingArguments(operations.startPull.args)).toContain('args.endpoint');
  });

  it('keeps every operation that takes a path or an endpoint, declared or found, away from the pages', () => {
    const reaching = operationNames.filter(
      (name) =>
        operations[name].reaches !== null ||
        reachingArguments(operations[name].args).some((where) => !(`${name}: ${where}` in HARMLESS)),
    );
    expect(reaching.sort()).toEqual([
      'addRuleFolder',
      'addSource',
      'exportReport',
      'listLogGroups',
      'startImport',
      'startPull',
    ]);
    for (const name of reaching) {
      expect(operations[name].reaches, name).not.toBeNull();
      expect(operations[name].faces, name).toEqual(['cli']);
    }
  });
});
