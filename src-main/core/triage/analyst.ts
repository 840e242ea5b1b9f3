import os from 'node:os';
import type { Db } from '../db/open.js';
import { getSetting, setSetting } from '../db/settings.js';

const KEY = 'analyst';

function osUser(): string {
  try {
    return os.userInfo().username || 'analyst';
  } catch {
    // Containers can run under a uid without a passwd entry.
    return 'analyst';
  }
}

/** The name that signs verdicts, notes and cases: the setting, or the OS user by default. */
export function analystName(db: Db): string {
  return getSetting(db, KEY) ?? osUser();
}

export function setAnalystName(db: Db, name: string): void {
  setSetting(db, KEY, name);
}
