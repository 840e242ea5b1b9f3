// Work files (pull spool chunks, browser uploads) are named after the process that made them, so
// a later start can tell what a crash left behind from another process's work in progress.
import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from './process-alive.js';

const OWNED = /^(\d+)-/;
// No pull or upload waits this long on one file; past it the pid may belong to an unrelated process.
const ABANDONED_AFTER_MS = 24 * 3600_000;

/** `name` prefixed with this process's id. */
export function ownedName(name: string): string {
  return `${process.pid}-${name}`;
}

function isLeftover(entry: string, stat: fs.Stats, now: number): boolean {
  const owner = OWNED.exec(entry);
  if (!owner) return true;
  if (now - stat.mtimeMs > ABANDONED_AFTER_MS) return true;
  const pid = Number(owner[1]);
  return pid !== process.pid && !isProcessAlive(pid);
}

/**
 * Removes the files and folders of `dir` whose owner process has gone (or that name none, or that
 * nobody touched for a day); returns their names. A missing `dir` has nothing to remove.
 */
export function removeLeftovers(dir: string, now = Date.now()): string[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const target = path.join(dir, entry);
    const stat = fs.statSync(target, { throwIfNoEntry: false });
    if (!stat || !isLeftover(entry, stat, now)) continue;
    fs.rmSync(target, { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}
