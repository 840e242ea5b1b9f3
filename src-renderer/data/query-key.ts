import type { ArgsOf } from '../../src-shared/api.js';
import type { QueryOperation } from '../../src-shared/data-changes.js';

/** Every kept answer is filed under its operation and arguments, so a change can find it by name. */
export const queryKey = <K extends QueryOperation>(name: K, args: ArgsOf<K>) => [name, args] as const;
