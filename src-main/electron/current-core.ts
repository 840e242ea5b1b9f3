// The core the window talks to. File › Open database… replaces it while the IPC handlers and the
// event forwarding stay in place, so they always reach the database the analyst has open.
import { EventEmitter } from 'node:events';
import type { VigilEvent, VigilService } from '../../src-shared/api.js';
import type { Core } from '../core/service.js';

export type OpenCore = (dbPath: string) => Core;

export class CurrentCore {
  /** Events of whichever core is current; subscribers never need to re-subscribe. */
  readonly events = new EventEmitter<{ event: [VigilEvent] }>();
  private core: Core;
  private readonly forward = (event: VigilEvent) => this.events.emit('event', event);

  constructor(
    private readonly open: OpenCore,
    dbPath: string,
  ) {
    this.core = open(dbPath);
    this.core.events.on('event', this.forward);
  }

  get service(): VigilService {
    return this.core.service;
  }

  get dbPath(): string {
    return this.core.db.name;
  }

  /**
   * Opens `dbPath` and only then closes the current database, so a file that cannot be opened
   * (not SQLite, no permission) leaves the analyst where they were. Running jobs of the old
   * database are stopped; their partial imports roll back the next time it is opened.
   */
  async switchTo(dbPath: string): Promise<void> {
    const next = this.open(dbPath);
    const previous = this.core;
    previous.events.off('event', this.forward);
    this.core = next;
    next.events.on('event', this.forward);
    await previous.close();
    this.events.emit('event', { type: 'data-changed', reason: 'database-opened' });
  }

  close(): Promise<void> {
    this.core.events.off('event', this.forward);
    return this.core.close();
  }
}
