// Serve mode's one-time downloads: an export rendered into a private folder under the data folder,
// fetched once by a random id, and deleted after that fetch or after ten minutes, whichever is first.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ownedName, removeLeftovers } from '../core/leftovers.js';

export const DOWNLOAD_TTL_MS = 10 * 60_000;
/** 256 random bits, base64url: the id is a capability, so it must not be guessable. */
const ID = /^[A-Za-z0-9_-]{43}$/;

export interface Download {
  file: string;
  /** The name the browser saves it under. */
  name: string;
  contentType: string;
}

export class DownloadStore {
  private readonly waiting = new Map<string, Download & { timer: NodeJS.Timeout }>();

  constructor(
    readonly dir: string,
    private readonly ttlMs = DOWNLOAD_TTL_MS,
  ) {
    // Exports a crashed server rendered but never handed out: nothing will ask for them again.
    removeLeftovers(dir);
  }

  /** A path in a fresh folder of its own; the folder name carries our pid for crash clean-up. */
  newFile(name: string): string {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    return path.join(fs.mkdtempSync(path.join(this.dir, ownedName(''))), name);
  }

  /** Makes `download` fetchable once; returns its id. */
  offer(download: Download): string {
    const id = randomBytes(32).toString('base64url');
    const timer = setTimeout(() => this.discard(id), this.ttlMs);
    // A waiting download must not keep a stopping server's process alive.
    timer.unref();
    this.waiting.set(id, { ...download, timer });
    return id;
  }

  /** The download for `id`, removed from the store: a second take of the same id finds nothing. */
  take(id: string): Download | null {
    const entry = ID.test(id) ? this.waiting.get(id) : undefined;
    if (!entry) return null;
    this.waiting.delete(id);
    clearTimeout(entry.timer);
    return { file: entry.file, name: entry.name, contentType: entry.contentType };
  }

  /** Deletes a file made by newFile, with its folder. */
  remove(file: string): Promise<void> {
    return fs.promises.rm(path.dirname(file), { recursive: true, force: true }).catch(() => {});
  }

  private discard(id: string): void {
    const entry = this.take(id);
    if (entry) void this.remove(entry.file);
  }

  /** Deletes every download still waiting (the server is stopping). */
  close(): void {
    for (const id of [...this.waiting.keys()]) this.discard(id);
  }
}
