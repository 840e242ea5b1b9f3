// The desktop app's few settings, in settings.json beside the default database in the user-data
// folder. A missing or damaged file means defaults: settings must never stop the app from starting.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const Settings = z.object({
  /** The database File › Open database… chose last; absent means `vigil.db` in the user-data folder. */
  databasePath: z.string().min(1).optional(),
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

/** Written to a temporary file first, so a crash mid-write leaves the old settings intact. */
export function saveSettings(dir: string, settings: Settings): void {
  fs.mkdirSync(dir, { recursive: true });
  const temporary = `${fileIn(dir)}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`);
  fs.renameSync(temporary, fileIn(dir));
}
