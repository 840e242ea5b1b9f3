// Detection-rule hits as model features (issue 17 §3): how many rules a session matched at each
// level, and how many of its source's sessions in the window matched any. A model then learns how
// far to trust the rules beside the behaviour, and the Isolation Forest sees a rule-matching
// session as unusual. The schema adds them only when the data has rule hits and the labels are not
// rule-derived: a model asked to predict the rules' verdict from the rules' verdict would score
// perfectly and learn nothing (label leakage; schema.ts, train-run.ts).
import { RULE_LEVELS } from '../../../src-shared/rule-levels.js';

/** Hits per level (log1p of the count), then the per-source window's sessions with a hit. */
export const RULE_HIT_FEATURES = [
  'rule_hits_informational',
  'rule_hits_low',
  'rule_hits_medium',
  'rule_hits_high',
  'rule_hits_critical',
  'src_window_rule_hit_sessions',
] as const;

export const RULE_HIT_COUNT = RULE_HIT_FEATURES.length;
const WINDOW_SLOT = RULE_HIT_FEATURES.indexOf('src_window_rule_hit_sessions');
const ZERO = '0'.charCodeAt(0);

/**
 * Writes one session's rule-hit features at `out[at … at + RULE_HIT_COUNT)`. `levels` is one
 * digit per hit, the hit's level index (db/feature-rows.ts reads them so), or null without a hit;
 * `windowSessions` counts the source's sessions with a hit in the window, this one included.
 */
export function writeRuleHitFeatures(
  levels: string | null,
  windowSessions: number,
  out: Float32Array,
  at: number,
): void {
  if (levels) {
    const counts = new Array<number>(RULE_LEVELS.length).fill(0);
    for (let i = 0; i < levels.length; i++) {
      const level = levels.charCodeAt(i) - ZERO;
      if (level >= 0 && level < counts.length) counts[level] = (counts[level] ?? 0) + 1;
    }
    counts.forEach((n, level) => {
      out[at + level] = Math.log1p(n);
    });
  }
  out[at + WINDOW_SLOT] = Math.log1p(windowSessions);
}

// Sources idle longer than the window are dropped every this many sessions, to keep memory flat.
const SWEEP_EVERY = 100_000;

/**
 * Per source, the times of its sessions with a rule hit over the sliding window ending at the
 * current session (never later traffic). Only sources with hits take memory: most have none.
 */
export class RuleHitWindows {
  private readonly sources = new Map<string, { times: number[]; head: number }>();
  private seen = 0;

  constructor(private readonly windowMs: number) {
    if (!(windowMs > 0)) throw new RangeError('the feature window must be a positive number of ms');
  }

  /** Adds one session (times must not decrease); returns its source's sessions with a hit in the window. */
  push(srcIp: string, ts: number, hit: boolean): number {
    if (++this.seen % SWEEP_EVERY === 0) this.sweep(ts);
    let s = this.sources.get(srcIp);
    if (s === undefined) {
      if (!hit) return 0;
      s = { times: [], head: 0 };
      this.sources.set(srcIp, s);
    }
    const from = ts - this.windowMs;
    while (s.head < s.times.length && (s.times[s.head] ?? ts) <= from) s.head++;
    if (hit) s.times.push(ts);
    // Compact now and then so the list holds about one window, not the source's history.
    if (s.head > 1024 && s.head * 2 > s.times.length) {
      s.times.splice(0, s.head);
      s.head = 0;
    }
    return s.times.length - s.head;
  }

  private sweep(now: number): void {
    for (const [ip, s] of this.sources) {
      const last = s.times[s.times.length - 1];
      if (last === undefined || last <= now - this.windowMs) this.sources.delete(ip);
    }
  }
}
