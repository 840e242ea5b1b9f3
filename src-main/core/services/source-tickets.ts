// The source questions running now, by the ticket the page gave each: Cancel on a remote view aborts
// its question, which kills the query on the engine (SourceConnection.rows), not only the wait here.

/** Tickets cancelled before their question arrived, remembered this long (a bounded few). */
const EARLY_CANCELS = 256;

interface Running {
  controller: AbortController;
  /** Settles when the question has ended, its queries stopped on the engine (SourceConnection.close). */
  ended: Promise<unknown>;
}

export class SourceTickets {
  private readonly running = new Map<string, Running>();
  // The page gives a request up as soon as it is sent (a new filter typed at once): its cancel can
  // overtake the question itself, which must then not start on the engine at all.
  private readonly cancelledEarly = new Set<string>();

  /** Runs `work` under `ticket` (when given) so that `cancel(ticket)` can stop it. */
  async run<T>(ticket: string | undefined, work: (signal?: AbortSignal) => Promise<T>): Promise<T> {
    if (ticket === undefined) return work();
    if (this.running.has(ticket))
      throw new Error(`A source question with ticket ${ticket} is running already.`);
    const controller = new AbortController();
    if (this.cancelledEarly.delete(ticket)) controller.abort();
    const asked = (async () => {
      controller.signal.throwIfAborted();
      return work(controller.signal);
    })();
    this.running.set(ticket, { controller, ended: asked.catch(() => undefined) });
    try {
      return await asked;
    } catch (error) {
      if (controller.signal.aborted) throw Object.assign(new Error('Cancelled'), { name: 'AbortError' });
      throw error;
    } finally {
      this.running.delete(ticket);
    }
  }

  /**
   * True when a question was running under `ticket`, answered once it has ended (its queries
   * stopped on the engine, so the page can say so); otherwise it is stopped if it arrives later.
   */
  async cancel(ticket: string): Promise<boolean> {
    const running = this.running.get(ticket);
    if (running) {
      running.controller.abort();
      await running.ended;
      return true;
    }
    this.cancelledEarly.add(ticket);
    if (this.cancelledEarly.size > EARLY_CANCELS) {
      const oldest = this.cancelledEarly.values().next().value;
      if (oldest !== undefined) this.cancelledEarly.delete(oldest);
    }
    return false;
  }
}
