// The graph's answer keyed by each address's canonical text (canonicalIp). Imports keep an
// address as the log wrote it, so one client logged as 192.0.2.1 and as ::ffff:192.0.2.1 (a
// dual-stack server), or an IPv6 address with and without its zero groups, reaches the graph as
// two texts; grouped by text, it was two nodes. Merged here, before the heaviest edges are kept,
// so weights, volumes, scores and verdicts are the address's over every form it was written in.
import { canonicalIp } from '../../../src-shared/ip.js';
import type { IpVerdict, Pair } from '../db/graph.js';

/** A memo over one answer: a busy graph repeats its few thousand addresses in every pair. */
function canonicalNames(): (text: string) => string {
  const names = new Map<string, string>();
  return (text) => {
    let name = names.get(text);
    if (name === undefined) {
      name = canonicalIp(text);
      names.set(text, name);
    }
    return name;
  };
}

/** Pairs with canonical ends, those that became the same pair summed. A host end is no address. */
export function canonicalPairs(pairs: Pair[]): Pair[] {
  const name = canonicalNames();
  const merged = new Map<string, Pair>();
  for (const pair of pairs) {
    const src = name(pair.src);
    const dst = pair.toHost ? pair.dst : name(pair.dst);
    const key = `${pair.toHost ? 'h' : 'i'}\n${src}\n${dst}`;
    const had = merged.get(key);
    if (had) {
      had.sessions += pair.sessions;
      had.bytes += pair.bytes;
    } else merged.set(key, { ...pair, src, dst });
  }
  return [...merged.values()];
}

/** Per-address values under canonical names, two forms' values joined by `pick`. */
function canonicalMap<T>(values: Map<string, T>, pick: (a: T, b: T) => T): Map<string, T> {
  const name = canonicalNames();
  const out = new Map<string, T>();
  for (const [text, value] of values) {
    const key = name(text);
    const had = out.get(key);
    out.set(key, had === undefined ? value : pick(had, value));
  }
  return out;
}

/** The highest score of an address over its forms. */
export const canonicalScores = (scores: Map<string, number>) => canonicalMap(scores, Math.max);

const SEVERITY: IpVerdict[] = ['benign', 'review', 'malicious'];

/** The most severe verdict of an address over its forms. */
export const canonicalVerdicts = (verdicts: Map<string, IpVerdict>) =>
  canonicalMap(verdicts, (a, b) => (SEVERITY.indexOf(a) >= SEVERITY.indexOf(b) ? a : b));
