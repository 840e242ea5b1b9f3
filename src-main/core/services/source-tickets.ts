// The source questions running now, by the ticket the page gave each: Cancel on a remote view aborts
// its question, which kills the query on the engine (SourceConnection.rows), not only the wait here.

export class SourceTickets {
  private readonly running = new Map<string, AbortController>();

  /** Runs `work` under `ticket` (when given) so that `cancel(ticket)` can stop it. */
  async run<T>(ticket: string | undefined, work: (signal?: AbortSignal) => Promise<T>): Promise<T> {
    if (ticket === undefined) return work();
    if (this.running.has(ticket))
      throw new Error(`A source question with ticket ${ticket} is running already.`);
    const controller = new AbortController();
    this.running.set(ticket, controller);
    try {
      return await work(controller.signal);
    } finally {
      this.running.delete(ticket);
    }
  }

  /** False when no question runs under `ticket` (it ended, or never started). */
  cancel(ticket: string): boolean {
    const controller = this.running.get(ticket);
    controller?.abort();
    return controller !== undefined;
  }
}
