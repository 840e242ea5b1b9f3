import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EVENT_SPOOL_MARKER, eventSpoolLine } from '../../ingest/event-spool.js';
import { ownedName } from '../../leftovers.js';

/** Where pulls spool their chunks: beside the database, so a crash's leftovers are found at next open. */
export function spoolDirOf(dbPath: string): string {
  return path.join(path.dirname(dbPath), 'spool');
}

/**
 * A file of pulled events waiting to be imported, under `<db folder>/spool/`, in the layout of
 * ingest/event-spool.ts (each line an event id and its message). Lines go to disk as pages arrive,
 * so memory stays flat however many events a chunk holds.
 */
export class Spool {
  events = 0;
  bytes = 0;
  private constructor(
    readonly file: string,
    private readonly handle: fs.FileHandle,
  ) {}

  /**
   * A new chunk file named `<pid>-<kind>-<label>-…` (kind: 'cwl', 'clickhouse'), so a listing says
   * what made it. `header` is a first message line that is no event (the column names of TSV rows).
   */
  static async open(
    dir: string,
    kind: string,
    label: string,
    sequence: number,
    header: string | null = null,
  ): Promise<Spool> {
    await fs.mkdir(dir, { recursive: true });
    const slug =
      label
        .replace(/[^A-Za-z0-9._-]+/g, '_')
        .replace(/^_+/, '')
        .slice(0, 80) || 'group';
    const name = ownedName(
      `${kind}-${slug}-${Date.now()}-${String(sequence).padStart(4, '0')}-${randomBytes(3).toString('hex')}.log`,
    );
    const file = path.join(dir, name);
    const handle = await fs.open(file, 'wx');
    await handle.write(
      `${EVENT_SPOOL_MARKER}\n${header === null ? '' : `${eventSpoolLine(undefined, header)}\n`}`,
    );
    return new Spool(file, handle);
  }

  async write(lines: string[]): Promise<void> {
    if (lines.length === 0) return;
    const text = `${lines.join('\n')}\n`;
    const bytes = Buffer.byteLength(text);
    await this.handle.write(text);
    this.events += lines.length;
    this.bytes += bytes;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  async discard(): Promise<void> {
    await this.handle.close().catch(() => {});
    await fs.rm(this.file, { force: true });
  }
}
