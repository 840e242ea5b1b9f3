// Who talks: the benign client population (public IPv4, a home country each, heavy-tailed
// activity) and the handful of private servers they talk to.
import { COUNTRIES } from './countries.js';
import type { Rng } from './rng.js';

export interface Server {
  ip: string;
  /** `source.name` in the CloudWatch export. */
  name: string;
  /** Elastic network interface id, for VPC flow records. */
  eni: string;
  weight: number;
}

export interface Population {
  ips: string[];
  country: Uint8Array;
  /** Administrators: the only benign clients that use SSH, RDP or the dashboard ports. */
  admin: Uint8Array;
  /** Per country: client indexes and running sums of their activity weights. */
  byCountry: { clients: Int32Array; cumulative: Float64Array }[];
  /** Every benign client IP as a 32-bit number, so attack sources can avoid them. */
  taken: Set<number>;
}

// Pareto tail index of sessions per client: a few heavy hitters (NAT gateways, crawlers), many one-offs.
const PARETO_ALPHA = 1.2;
// No single client above this share of the traffic: keeps the heaviest hitter plausible.
const MAX_CLIENT_SHARE = 0.004;

/** Distinct clients for `rows` sessions: grows slower than the rows, as in real logs. */
export function populationSize(rows: number): number {
  return Math.min(200_000, Math.max(40, Math.round(8 * Math.sqrt(rows))));
}

export function buildPopulation(size: number, rng: Rng): Population {
  const countryCumulative = new Float64Array(COUNTRIES.length);
  let total = 0;
  COUNTRIES.forEach((c, i) => {
    total += c.weight;
    countryCumulative[i] = total;
  });
  const ips: string[] = [];
  const country = new Uint8Array(size);
  const admin = new Uint8Array(size);
  const weights = new Float64Array(size);
  const taken = new Set<number>();
  let weightSum = 0;
  for (let i = 0; i < size; i++) {
    // Every country keeps at least one client so its traffic share can be honoured.
    const c = i < COUNTRIES.length ? i : rng.weighted(countryCumulative);
    const ip = drawIp(c, rng, taken);
    taken.add(ip);
    ips.push(ipText(ip));
    country[i] = c;
    admin[i] = rng.chance(0.015) ? 1 : 0;
    weights[i] = (1 - rng.float()) ** (-1 / PARETO_ALPHA);
    weightSum += weights[i]!;
  }
  const cap = shareCap(weights, weightSum);
  const byCountry = COUNTRIES.map((_, c) => {
    const members: number[] = [];
    for (let i = 0; i < size; i++) if (country[i] === c) members.push(i);
    const sums = new Float64Array(members.length);
    let running = 0;
    members.forEach((client, k) => {
      running += Math.min(weights[client]!, cap);
      sums[k] = running;
    });
    return { clients: Int32Array.from(members), cumulative: sums };
  });
  return { ips, country, admin, byCountry, taken };
}

/** The weight limit w such that no capped weight exceeds MAX_CLIENT_SHARE of the capped total. */
function shareCap(weights: Float64Array, total: number): number {
  let cap = total * MAX_CLIENT_SHARE;
  // Capping lowers the total, which lowers the cap: iterate to the fixed point (a few rounds).
  for (let round = 0; round < 50; round++) {
    let capped = 0;
    for (const w of weights) capped += Math.min(w, cap);
    const next = capped * MAX_CLIENT_SHARE;
    if (next >= cap * (1 - 1e-12)) break;
    cap = next;
  }
  return cap;
}

/** A public host address in one of the country's blocks, not in `avoid`. */
export function drawIp(country: number, rng: Rng, avoid: Set<number>): number {
  const prefixes = COUNTRIES[country]!.prefixes;
  for (;;) {
    const [a, b] = rng.pick(prefixes);
    const ip = ((a << 24) | (b << 16) | (rng.int(256) << 8) | (1 + rng.int(254))) >>> 0;
    if (!avoid.has(ip)) return ip;
  }
}

export function ipText(ip: number): string {
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

/** The sample's web server first, then a few more private hosts (the sample has one dst_ip). */
export function buildServers(rng: Rng): Server[] {
  const names = ['prod_webserver', 'prod_api', 'prod_auth', 'prod_static'];
  const weights = [0.5, 0.25, 0.15, 0.1];
  return names.map((name, i) => ({
    ip: i === 0 ? '10.138.69.97' : `10.${rng.int(256)}.${rng.int(256)}.${2 + rng.int(250)}`,
    name,
    eni: `eni-0${hex(rng.next(), 8)}${hex(rng.next(), 8)}`,
    weight: weights[i]!,
  }));
}

export function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}
