// The one error the loader throws while reading a rule: what is wrong, what kind of refusal it is,
// and where in the YAML (a path of keys and indexes, turned into a line by the loader).

import type { RuleRefusal } from './types.js';

export type YamlPath = readonly (string | number)[];

export class RuleError extends Error {
  constructor(
    readonly kind: RuleRefusal['kind'],
    message: string,
    readonly path: YamlPath,
  ) {
    super(message);
  }
}

export const invalid = (message: string, path: YamlPath) => new RuleError('invalid', message, path);
export const unsupported = (message: string, path: YamlPath) => new RuleError('unsupported', message, path);
