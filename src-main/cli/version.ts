import { createRequire } from 'node:module';
import path from 'node:path';
import { appRoot } from '../core/paths.js';

const require = createRequire(import.meta.url);
export const version: string = (require(path.join(appRoot(), 'package.json')) as { version: string }).version;
