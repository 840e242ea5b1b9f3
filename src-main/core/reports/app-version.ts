import fs from 'node:fs';
import path from 'node:path';
import { appRoot } from '../paths.js';

/** The version stamped on reports (package.json of the running app). */
export function appVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(appRoot(), 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'unknown';
  }
}
