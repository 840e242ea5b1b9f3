// Ordinary web traffic: clients from the population, more of them during their own business
// hours, mostly HTTPS to the web servers, log-normal sizes, mostly-200 responses.
import { COUNTRIES } from './countries.js';
import type { Population, Server } from './population.js';
import { protocolForPort } from './ports.js';
import { cumulative, type Rng } from './rng.js';
import { BENIGN, type Session } from './session.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Relative activity of people at a local time: low at night, peak mid-afternoon, quieter weekends. */
export function localActivity(utcMs: number, utcOffset: number): number {
  const local = utcMs + utcOffset * HOUR_MS;
  const hour = (local % DAY_MS) / HOUR_MS;
  const weekday = (Math.floor(local / DAY_MS) + 4) % 7; // 1970-01-01 was a Thursday (0 = Sunday)
  const daytime = Math.exp(-0.5 * ((hour - 14) / 3.5) ** 2);
  const evening = 0.3 * Math.exp(-0.5 * ((hour - 20.5) / 1.5) ** 2);
  const weekend = weekday === 0 || weekday === 6 ? 0.6 : 1;
  return weekend * (0.1 + daytime + evening);
}

/** Benign intensity of the whole population at a moment (the sum over countries). */
export function benignIntensity(utcMs: number): number {
  let sum = 0;
  for (const c of COUNTRIES) sum += c.weight * localActivity(utcMs, c.utcOffset);
  return sum;
}

const CODES = [200, 304, 301, 302, 404, 403, 401, 500, 503];
const CODE_SUMS = cumulative([0.86, 0.04, 0.01, 0.02, 0.04, 0.012, 0.006, 0.006, 0.006]);
const TINY_CODES = [304, 204, 400, 408];
const ADMIN_PORTS = [22, 3389, 5601, 8443];

export class BenignTraffic {
  private readonly serverSums: Float64Array;

  constructor(
    private readonly population: Population,
    servers: readonly Server[],
    private readonly rng: Rng,
  ) {
    this.serverSums = cumulative(servers.map((s) => s.weight));
  }

  /** Appends `count` sessions starting in [from, to). */
  fill(from: number, to: number, count: number, out: Session[]): void {
    if (count === 0) return;
    const middle = (from + to) / 2;
    const countrySums = cumulative(COUNTRIES.map((c) => c.weight * localActivity(middle, c.utcOffset)));
    for (let i = 0; i < count; i++)
      out.push(this.session(from + this.rng.float() * (to - from), countrySums));
  }

  private session(start: number, countrySums: Float64Array): Session {
    const rng = this.rng;
    const pop = this.population;
    const members = pop.byCountry[rng.weighted(countrySums)]!;
    const client = members.clients[rng.weighted(members.cumulative)]!;
    const port = this.port(pop.admin[client] === 1);
    const udp = port === 443 && rng.chance(0.08); // QUIC
    const remote = port === 22 || port === 3389;
    // Aborted connections and conditional GETs are as small and short as a probe, so no single
    // size or duration threshold separates scans from ordinary traffic.
    const tiny = rng.chance(0.015);
    const duration = tiny
      ? rng.between(100, 2000)
      : clamp(rng.logNormal(remote ? 180_000 : 25_000, remote ? 0.8 : 1.1), 1000, 600_000);
    // A few uploads and downloads give both byte columns the heavy tail the sample shows.
    const bytesIn = tiny
      ? rng.between(60, 300)
      : rng.chance(0.03)
        ? rng.logNormal(2_000_000, 1.2)
        : Math.max(150, rng.logNormal(13_000, 1.4));
    const bytesOut = tiny
      ? rng.between(40, 200)
      : rng.chance(0.02)
        ? rng.logNormal(1_500_000, 1.0)
        : Math.max(120, rng.logNormal(13_800, 1.2));
    return {
      start: Math.floor(start),
      duration: Math.round(duration),
      srcIp: pop.ips[client]!,
      country: COUNTRIES[pop.country[client]!]!.code,
      server: rng.weighted(this.serverSums),
      dstPort: port,
      protocol: protocolForPort(port, udp),
      udp,
      bytesIn: Math.round(bytesIn),
      bytesOut: Math.round(bytesOut),
      responseCode: tiny ? rng.pick(TINY_CODES) : CODES[rng.weighted(CODE_SUMS)]!,
      kind: BENIGN,
      sourceKey: client,
    };
  }

  private port(admin: boolean): number {
    const rng = this.rng;
    if (admin && rng.chance(0.3)) return rng.pick(ADMIN_PORTS);
    const r = rng.float();
    return r < 0.84 ? 443 : r < 0.97 ? 80 : r < 0.99 ? 8443 : 8080;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
