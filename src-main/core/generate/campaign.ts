// What an attack injector produces (a campaign: one source's labelled sessions at planned times)
// and the helpers every injector shares: choosing its source and placing it in the time range.
import { COUNTRIES, RARE_COUNTRIES } from './countries.js';
import { drawIp, ipText, type Population, type Server } from './population.js';
import { cumulative, type Rng } from './rng.js';
import type { Session } from './session.js';

/** One campaign's output: the network model's sessions, or the web model's requests. */
export interface Campaign<T = Session> {
  kind: number;
  /** Start of each session, epoch ms, strictly increasing, all inside the generated range. */
  times: Float64Array;
  /** How many sessions were emitted so far. */
  cursor: number;
  /** Session `i` (called once per session, in order, so the campaign's own Rng stays in step). */
  session(i: number): T;
}

/** Builds the campaigns of one attack kind. */
export interface Injector<T = Session> {
  kind: number;
  /** Share of the attack rows. */
  share: number;
  /** Usual sessions per campaign (min, max). */
  typical: readonly [number, number];
  /** Most sessions one campaign can hold in a range of `period` ms. */
  maxRows(period: number): number;
  create(size: number, rng: Rng, ctx: InjectorContext): Campaign<T>;
}

export interface Source {
  ip: string;
  country: string;
  /** Stable key writers use for per-source choices (user agent, URI). */
  key: number;
}

export interface InjectorContext {
  start: number;
  end: number;
  servers: readonly Server[];
  sources: SourcePicker;
}

// Attack infrastructure sits anywhere; a flatter mix than the benign audience so that country
// alone says little about these kinds.
const ORIGIN_SUMS = cumulative(COUNTRIES.map((c) => (c.rare ? 0 : Math.sqrt(c.weight))));
// Keys for attack sources start above any client index.
const ATTACK_KEY_BASE = 1 << 24;

/** Hands out attack source IPs: new ones no benign client uses, or now and then a benign client's. */
export class SourcePicker {
  private readonly used = new Set<number>();
  private next = ATTACK_KEY_BASE;

  constructor(
    private readonly population: Population,
    private readonly rng: Rng,
  ) {}

  /** An address no benign client and no earlier campaign uses. */
  fresh(rare = false): Source {
    const country = rare ? this.rng.pick(RARE_COUNTRIES) : this.rng.weighted(ORIGIN_SUMS);
    let ip = drawIp(country, this.rng, this.population.taken);
    while (this.used.has(ip)) ip = drawIp(country, this.rng, this.population.taken);
    this.used.add(ip);
    return { ip: ipText(ip), country: COUNTRIES[country]!.code, key: this.next++ };
  }

  /** Usually a fresh address; with probability `p` a benign client's (a compromised host). */
  freshOrClient(p: number): Source {
    if (!this.rng.chance(p)) return this.fresh();
    const client = this.rng.int(this.population.ips.length);
    return {
      ip: this.population.ips[client]!,
      country: COUNTRIES[this.population.country[client]!]!.code,
      key: client,
    };
  }
}

/**
 * Moves offsets (ms from the campaign's first session, increasing) to a random place inside
 * [start, end). A plan longer than the range is compressed to fit; injectors size their
 * campaigns so that this stays a safety net.
 */
export function place(offsets: Float64Array, rng: Rng, start: number, end: number): Float64Array {
  const span = offsets[offsets.length - 1]! + 1;
  const room = end - start;
  const scale = span > room * 0.98 ? (room * 0.98) / span : 1;
  const origin = start + Math.floor(rng.float() * Math.max(0, room - span * scale));
  const times = new Float64Array(offsets.length);
  for (let i = 0; i < offsets.length; i++) times[i] = origin + Math.floor(offsets[i]! * scale);
  return times;
}

/** Offsets of `count` sessions whose gaps come from `gap()` (at least 1 ms apart). */
export function offsetsFromGaps(count: number, gap: () => number): Float64Array {
  const offsets = new Float64Array(count);
  let t = 0;
  for (let i = 0; i < count; i++) {
    offsets[i] = t;
    t += Math.max(1, Math.round(gap()));
  }
  return offsets;
}
