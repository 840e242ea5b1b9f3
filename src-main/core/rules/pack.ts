// The rule pack Vigil ships (resources/rules/, written by us; see the README's "Detection rules").

import path from 'node:path';
import { resourcesDir } from '../paths.js';
import { loadRuleFolder } from './load.js';
import type { LoadResult } from './types.js';

export function packDir(): string {
  return path.join(resourcesDir(), 'rules');
}

export function loadRulePack(): LoadResult {
  return loadRuleFolder(packDir());
}
