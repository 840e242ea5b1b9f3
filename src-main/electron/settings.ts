// The desktop app's few settings, in settings.json beside the default database in the user-data
// folder. A missing or damaged file means defaults: settings must never stop the app from starting.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AwsConnection } from '../../src-shared/cloudwatch.js';

const Settings = z.object({
  /** The database File › Open database… chose last; absent means `vigil.db` in the user-data folder. */
  databasePath: z.string().min(1).optional(),
  /**
   * Where the page's CloudWatch calls go instead of AWS's own endpoint (an emulator, a VPC interface
   * endpoint). Set by the analyst in this file, which no page can write: a page that could choose
   * the endpoint could send the AWS credentials to a host of its choice. A bad value is ignored.
   */
  cloudWatchEndpoint: AwsConnection.shape.endpoint.catch(undefined),
});
export type Settings = z.infer<typeof Settings>;

const fileIn = (dir: string) => path.join(dir, 'settings.json');

export function loadSettings(dir: string): Settings {
  try {
    const parsed = Settings.safeParse(JSON.parse(fs.readFileSync(fileIn(dir), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/**
 * Changes the given settings and keeps the others (the analyst's cloudWatchEndpoint survives File ›
 * Open database…). Written to a temporary file first, so a crash mid-write leaves the old settings intact.
 */
export function saveSettings(dir: string, changes: Settings): void {
  fs.mkdirSync(dir, { recursive: true });
  const temporary = `${fileIn(dir)}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify({ ...loadSettings(dir), ...changes }, null, 2)}\n`);
  fs.renameSync(temporary, fileIn(dir));
}
