// Whether an optional package (tfjs-node) resolves here: the backend tests expect what it implies.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function installed(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}
