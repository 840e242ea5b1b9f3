// One-time grants for files the analyst chose: picked in a dialog or dropped (desktop), uploaded
// (serve mode). The main side issues a grant for such a file; the page imports by grant id, so a
// page that shows hostile log data can import only what the analyst handed to Vigil, never a path
// of its choosing (`/etc/passwd`, the SSH keys).

import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { must } from '../../src-shared/must.js';

export interface GrantedFile {
  /** What the page holds: 256 random bits, base64url. */
  id: string;
  /** The file's own name, for the page to show; never its folder. */
  name: string;
}

/** A page named a file the analyst never handed to Vigil (or one it imported already). */
export class GrantRefused extends Error {
  override readonly name = 'GrantRefused';
}

export class FileGrants {
  private readonly files = new Map<string, string>();

  /** Grants one import of `file`; only the main side, which knows the analyst chose it, calls this. */
  issue(file: string): GrantedFile {
    const id = randomBytes(32).toString('base64url');
    this.files.set(id, file);
    return { id, name: path.basename(file) };
  }

  /**
   * The files of `ids`, each grant spent: a second import of the same id is refused. All or
   * nothing, so one stale id in a batch starts no import at all.
   */
  redeem(ids: readonly string[]): string[] {
    const files: string[] = [];
    for (const id of new Set(ids)) {
      const file = this.files.get(id);
      if (file !== undefined) files.push(file);
    }
    // An unknown id, or one named twice, refuses the whole batch.
    if (files.length !== ids.length)
      throw new GrantRefused(
        'Only files you choose, drop or upload can be imported, once each: this one was not (or was imported already). Choose it again.',
      );
    for (const id of ids) this.files.delete(id);
    return files;
  }

  /** Puts back grants that `redeem` spent on an import that then failed to start. */
  giveBack(ids: readonly string[], files: readonly string[]): void {
    for (const [i, id] of ids.entries()) this.files.set(id, must(files[i], 'the file of a grant given back'));
  }

  /** Files granted but never imported (serve mode removes such uploads when it stops). */
  unredeemed(): string[] {
    return [...this.files.values()];
  }
}
