// biome-ignore-all lint/style/noNonNullAssertion: each session of a training or scoring pass moves a per-source window over parallel arrays, read at indexes below their length by the loop conditions; a check per read would cost on every session.
// Per-source behaviour over a sliding time window, in one pass over sessions in time order:
// how many sessions, how many distinct destinations and ports, bytes sent back, and how regular
// the gaps between sessions are (coefficient of variation: near 0 is a beacon's metronome).
// The window ends at the current session, so a score never depends on later traffic.

interface SourceState {
  times: number[];
  dstIps: (string | null)[];
  ports: (number | null)[];
  bytesOut: number[];
  head: number;
  ipCounts: Map<string | null, number>;
  portCounts: Map<number | null, number>;
  bytesSum: number;
  gapSum: number;
  gapSquares: number;
  last: number;
}

export interface WindowValues {
  sessions: number;
  dstIps: number;
  dstPorts: number;
  bytesOut: number;
  gapCv: number;
}

// With fewer than two gaps there is no regularity to measure; 1 is what random (Poisson) arrivals give.
const NEUTRAL_CV = 1;
// Sources idle longer than the window are dropped every this many sessions, to keep memory flat.
const SWEEP_EVERY = 100_000;

export class SourceWindows {
  private readonly sources = new Map<string, SourceState>();
  private seen = 0;

  constructor(private readonly windowMs: number) {
    if (!(windowMs > 0)) throw new RangeError('the feature window must be a positive number of ms');
  }

  /** Adds one session (times must not decrease) and returns its source's window including it. */
  push(srcIp: string, ts: number, dstIp: string | null, port: number | null, bytesOut: number): WindowValues {
    if (++this.seen % SWEEP_EVERY === 0) this.sweep(ts);
    let s = this.sources.get(srcIp);
    if (!s) {
      s = emptyState();
      this.sources.set(srcIp, s);
    }
    this.evict(s, ts);
    if (s.times.length > s.head) {
      const gap = ts - s.times[s.times.length - 1]!;
      s.gapSum += gap;
      s.gapSquares += gap * gap;
    }
    s.times.push(ts);
    s.dstIps.push(dstIp);
    s.ports.push(port);
    s.bytesOut.push(bytesOut);
    s.ipCounts.set(dstIp, (s.ipCounts.get(dstIp) ?? 0) + 1);
    s.portCounts.set(port, (s.portCounts.get(port) ?? 0) + 1);
    s.bytesSum += bytesOut;
    s.last = ts;
    return values(s);
  }

  private evict(s: SourceState, now: number): void {
    const from = now - this.windowMs;
    while (s.head < s.times.length && s.times[s.head]! <= from) {
      const i = s.head++;
      if (s.head < s.times.length) {
        // The gap from the evicted session to the next one leaves the window with it.
        const gap = s.times[s.head]! - s.times[i]!;
        s.gapSum -= gap;
        s.gapSquares -= gap * gap;
      }
      decrement(s.ipCounts, s.dstIps[i]!);
      decrement(s.portCounts, s.ports[i]!);
      s.bytesSum -= s.bytesOut[i]!;
    }
    if (s.head === s.times.length) {
      Object.assign(s, emptyState());
    } else if (s.head > 1024 && s.head * 2 > s.times.length) {
      // Compact now and then so the arrays hold about one window, not the source's history.
      for (const list of [s.times, s.dstIps, s.ports, s.bytesOut] as unknown[][]) list.splice(0, s.head);
      s.head = 0;
    }
  }

  private sweep(now: number): void {
    for (const [ip, s] of this.sources) if (s.last <= now - this.windowMs) this.sources.delete(ip);
  }
}

function values(s: SourceState): WindowValues {
  const sessions = s.times.length - s.head;
  const gaps = sessions - 1;
  let gapCv = NEUTRAL_CV;
  if (gaps >= 2) {
    const mean = s.gapSum / gaps;
    const variance = Math.max(0, s.gapSquares / gaps - mean * mean);
    gapCv = mean > 0 ? Math.min(10, Math.sqrt(variance) / mean) : 0;
  }
  return { sessions, dstIps: s.ipCounts.size, dstPorts: s.portCounts.size, bytesOut: s.bytesSum, gapCv };
}

function decrement<K>(counts: Map<K, number>, key: K): void {
  const n = counts.get(key)! - 1;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
}

function emptyState(): SourceState {
  return {
    times: [],
    dstIps: [],
    ports: [],
    bytesOut: [],
    head: 0,
    ipCounts: new Map(),
    portCounts: new Map(),
    bytesSum: 0,
    gapSum: 0,
    gapSquares: 0,
    last: 0,
  };
}
