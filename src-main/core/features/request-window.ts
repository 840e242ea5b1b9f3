// Per-source request behaviour over the same sliding window as source-window.ts, for data with
// requests: the share of the source's requests that got a 4xx (scanners and enumerators mostly
// miss), how many distinct paths it asked for (a crawler or a fuzzer asks for many), and how many
// times it tried a login (credential stuffing). Kept apart from SourceWindows so a flow log's
// pass does none of this work. The window ends at the current request: a score never depends on
// later traffic.

interface RequestState {
  times: number[];
  paths: string[];
  /** Bit 1: the answer was a 4xx; bit 2: a login attempt. */
  flags: number[];
  head: number;
  pathCounts: Map<string, number>;
  clientErrors: number;
  logins: number;
  last: number;
}

export interface RequestWindowValues {
  /** Share of the window's requests answered 4xx (0 … 1). */
  clientErrorShare: number;
  distinctPaths: number;
  loginAttempts: number;
}

const CLIENT_ERROR = 1;
const LOGIN = 2;
// Sources idle longer than the window are dropped every this many requests, to keep memory flat.
const SWEEP_EVERY = 100_000;

export class RequestWindows {
  private readonly sources = new Map<string, RequestState>();
  private seen = 0;

  constructor(private readonly windowMs: number) {
    if (!(windowMs > 0)) throw new RangeError('the feature window must be a positive number of ms');
  }

  /** Adds one request (times must not decrease) and returns its source's window including it. */
  push(
    srcIp: string,
    ts: number,
    path: string,
    clientError: boolean,
    loginAttempt: boolean,
  ): RequestWindowValues {
    if (++this.seen % SWEEP_EVERY === 0) this.sweep(ts);
    let s = this.sources.get(srcIp);
    if (s === undefined) {
      s = emptyState();
      this.sources.set(srcIp, s);
    }
    this.evict(s, ts);
    s.times.push(ts);
    s.paths.push(path);
    s.flags.push((clientError ? CLIENT_ERROR : 0) | (loginAttempt ? LOGIN : 0));
    s.pathCounts.set(path, (s.pathCounts.get(path) ?? 0) + 1);
    if (clientError) s.clientErrors++;
    if (loginAttempt) s.logins++;
    s.last = ts;
    return {
      clientErrorShare: s.clientErrors / (s.times.length - s.head),
      distinctPaths: s.pathCounts.size,
      loginAttempts: s.logins,
    };
  }

  private evict(s: RequestState, now: number): void {
    const from = now - this.windowMs;
    for (; s.head < s.times.length && (s.times[s.head] ?? now) <= from; s.head++) {
      const path = s.paths[s.head] ?? '';
      const left = (s.pathCounts.get(path) ?? 1) - 1;
      if (left === 0) s.pathCounts.delete(path);
      else s.pathCounts.set(path, left);
      const flags = s.flags[s.head] ?? 0;
      if (flags & CLIENT_ERROR) s.clientErrors--;
      if (flags & LOGIN) s.logins--;
    }
    // Compact now and then so the arrays hold about one window, not the source's history.
    if (s.head > 1024 && s.head * 2 > s.times.length) {
      s.times.splice(0, s.head);
      s.paths.splice(0, s.head);
      s.flags.splice(0, s.head);
      s.head = 0;
    }
  }

  private sweep(now: number): void {
    for (const [ip, s] of this.sources) if (s.last <= now - this.windowMs) this.sources.delete(ip);
  }
}

function emptyState(): RequestState {
  return {
    times: [],
    paths: [],
    flags: [],
    head: 0,
    pathCounts: new Map(),
    clientErrors: 0,
    logins: 0,
    last: 0,
  };
}
