// The triage actions on their way to the core. They go out one after another, so an undo never
// overtakes the action it undoes; they are counted while in flight (the view shows it); and a read
// of the queue is trusted only if no action was in flight or sent while it ran: one read before
// the core saw an action would flip the row back for a moment.

export class ActionLedger {
  private chain: Promise<unknown> = Promise.resolve();
  private sent = 0;
  private inFlight = 0;
  private readonly listeners = new Set<() => void>();
  private idleWaiters: (() => void)[] = [];

  /** Actions sent and not yet answered. */
  pending = (): number => this.inFlight;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Sends `call` once every action sent before it has been answered. */
  send<T>(call: () => Promise<T>): Promise<T> {
    const next = this.chain.then(call);
    this.chain = next.catch(() => undefined);
    this.sent++;
    this.inFlight++;
    this.notify();
    const settle = () => {
      this.inFlight--;
      this.notify();
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    };
    next.then(settle, settle);
    return next;
  }

  /**
   * Reads with `read` until an answer is known to include every action sent: a read that began
   * while an action was in flight, or saw one sent before it answered, is read again once none is
   * in flight. `signal` (the query was abandoned) stops asking again.
   */
  async readAfterActions<T>(read: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (;;) {
      const sentBefore = this.sent;
      const busyBefore = this.inFlight > 0;
      const answer = await read();
      if (!busyBefore && this.sent === sentBefore && this.inFlight === 0) return answer;
      await this.idle();
      if (signal?.aborted) return answer;
    }
  }

  private idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
