// Benign web traffic for one time slice: episodes (a shopper's visit, a crawl, an app session…)
// start in the slice and run on; requests that fall after the slice are held back and handed out
// with the slice they fall in, so the output stays in time order while memory holds a slice.

import { localActivity } from '../benign.js';
import { COUNTRIES } from '../countries.js';
import { drawIp, ipText, type Population } from '../population.js';
import { cumulative, type Rng } from '../rng.js';
import { mixKey } from '../writers/format-writer.js';
import { APP_AGENTS, browserFor, CRAWLERS, isMobile } from './agents.js';
import { browse } from './browsing.js';
import { type ClientTraits, Episode } from './episode.js';
import { ipv6For } from './ipv6.js';
import type { WebRequest } from './request.js';
import { app, crawl, feed, monitor, notHttp, partnerSync, staff } from './robots.js';
import { WWW } from './site.js';

// Episodes by kind (not requests: a visit makes about twenty requests, a crawl about eight).
const EPISODES = ['browse', 'crawl', 'app', 'monitor', 'feed', 'partner', 'staff', 'noise'] as const;
const EPISODE_SUMS = cumulative([0.8, 0.12, 0.05, 0.012, 0.004, 0.003, 0.004, 0.002]);
const CRAWLER_SUMS = cumulative(CRAWLERS.map((c) => c.weight));
// Keys for sources that are not population clients (crawlers, monitors): below attack keys (2^24).
const ROBOT_KEY_BASE = 1 << 23;
const MONITOR_NETWORKS = ['216.144.250', '69.162.124', '63.143.42'];
// Share of a dual-stack country's clients that connect over IPv6.
const IPV6_SHARE = 30;

export class BenignWeb {
  private readonly pending: WebRequest[] = [];
  private connections = 0;
  /** The partner's one integration host: a client of the population, fixed by the seed. */
  private readonly partner: number;

  constructor(
    private readonly population: Population,
    private readonly rng: Rng,
    private readonly end: number,
  ) {
    this.partner = rng.int(population.ips.length);
  }

  /** Every address crawlers and monitors use, so attack sources can keep away from them. */
  static robotAddresses(): number[] {
    const addresses: number[] = [];
    for (const network of [...CRAWLERS.flatMap((c) => c.networks), ...MONITOR_NETWORKS]) {
      const [a = 0, b = 0, c = 0] = network.split('.').map(Number);
      for (let d = 1; d < 255; d++) addresses.push(((a << 24) | (b << 16) | (c << 8) | d) >>> 0);
    }
    return addresses;
  }

  fill(from: number, to: number, count: number, out: WebRequest[]): void {
    let kept = 0;
    for (const request of this.pending) {
      if (request.start < to) out.push(request);
      else this.pending[kept++] = request;
    }
    this.pending.length = kept;
    if (count === 0) return;
    const middle = (from + to) / 2;
    const countrySums = cumulative(COUNTRIES.map((c) => c.weight * localActivity(middle, c.utcOffset)));
    const emit = (request: WebRequest) => {
      if (request.start < to) out.push(request);
      else this.pending.push(request);
    };
    let remaining = count;
    while (remaining > 0) {
      const start = Math.floor(from + this.rng.float() * (to - from));
      remaining -= this.episode(start, remaining, countrySums, emit);
    }
  }

  /** Runs one episode from `start`; returns how many requests it made (at least one). */
  private episode(
    start: number,
    limit: number,
    countrySums: Float64Array,
    emit: (request: WebRequest) => void,
  ): number {
    const rng = this.rng;
    const kind = EPISODES[rng.weighted(EPISODE_SUMS)];
    const open = (client: ClientTraits) =>
      new Episode(client, start, limit, this.end, 1024 + rng.int(64_512), this.connections++, emit);
    switch (kind) {
      case 'crawl': {
        const which = rng.weighted(CRAWLER_SUMS);
        const crawler = CRAWLERS[which] ?? CRAWLERS[0];
        if (!crawler) return 0;
        const host = 1 + rng.int(254);
        const e = open({
          sourceKey: ROBOT_KEY_BASE + which * 256 + host,
          ip: `${rng.pick(crawler.networks)}.${host}`,
          agent: crawler.agent,
          version: 'HTTP/1.1',
          host: WWW,
          headerBytes: 190,
        });
        crawl(e, rng, which < 2);
        return e.produced;
      }
      case 'monitor': {
        const network = rng.int(MONITOR_NETWORKS.length);
        const e = open({
          sourceKey: ROBOT_KEY_BASE + 0x7000 + network,
          ip: `${MONITOR_NETWORKS[network]}.${10 + network}`,
          agent: APP_AGENTS.monitor,
          version: 'HTTP/1.1',
          host: WWW,
          headerBytes: 160,
        });
        monitor(e, rng);
        return e.produced;
      }
      case 'noise':
        return this.noise(start, emit);
      default:
        break;
    }
    const client = kind === 'partner' ? this.partner : this.pickClient(countrySums);
    const traits = this.clientTraits(client);
    switch (kind) {
      case 'app': {
        const android = mixKey(client, 0x71) % 2 === 0;
        const e = open({
          ...traits,
          agent: android ? APP_AGENTS.android : APP_AGENTS.ios,
          version: 'HTTP/2.0',
          headerBytes: 330,
        });
        app(e, rng);
        return e.produced;
      }
      case 'feed': {
        const e = open({ ...traits, agent: APP_AGENTS.feed, version: 'HTTP/1.1', headerBytes: 210 });
        feed(e, rng);
        return e.produced;
      }
      case 'partner': {
        const e = open({ ...traits, agent: APP_AGENTS.partner, version: 'HTTP/1.1', headerBytes: 180 });
        partnerSync(e, rng, start);
        return e.produced;
      }
      case 'staff': {
        const curl = rng.chance(0.4);
        const e = open({ ...traits, agent: curl ? APP_AGENTS.admin : traits.agent, headerBytes: 420 });
        staff(e, rng, { curl });
        return e.produced;
      }
      default: {
        const e = open(traits);
        browse(e, rng, {
          returning: mixKey(client, 0x52) % 100 < 45,
          mobile: isMobile(traits.agent),
          apple: traits.agent.includes('iPhone') || traits.agent.includes('iPad'),
        });
        return e.produced;
      }
    }
  }

  private pickClient(countrySums: Float64Array): number {
    const members = this.population.byCountry[this.rng.weighted(countrySums)];
    if (!members || members.clients.length === 0) return 0;
    return members.clients[this.rng.weighted(members.cumulative)] ?? 0;
  }

  /** A population client as a browser: its address (IPv6 for some), browser and protocol. */
  private clientTraits(client: number): ClientTraits {
    const country = COUNTRIES[this.population.country[client] ?? 0]?.code ?? 'US';
    const v6 = mixKey(client, 0x51) % 100 < IPV6_SHARE ? ipv6For(country, client) : null;
    return {
      sourceKey: client,
      ip: v6 ?? this.population.ips[client] ?? '0.0.0.0',
      agent: browserFor(client),
      version: mixKey(client, 0x53) % 100 < 85 ? 'HTTP/2.0' : 'HTTP/1.1',
      host: WWW,
      headerBytes: 520 + (mixKey(client, 0x54) % 700),
    };
  }

  /** One line that is not HTTP, from an address of the wider internet. */
  private noise(start: number, emit: (request: WebRequest) => void): number {
    const rng = this.rng;
    const country = rng.int(COUNTRIES.length);
    const { raw, status } = notHttp(rng);
    emit({
      start,
      kind: 0,
      sourceKey: ROBOT_KEY_BASE + 0x8000 + rng.int(0x10000),
      ip: ipText(drawIp(country, rng, this.population.taken)),
      port: 1024 + rng.int(64_512),
      connection: this.connections++,
      tls: false,
      method: '',
      host: '',
      target: '',
      version: '',
      raw,
      status,
      bytes: status === 408 ? 0 : 150,
      requestBytes: raw.length,
      referrer: '',
      agent: '',
      user: '',
      timeMs: status === 408 ? 60_000 : 0,
      blocked: false,
    });
    return 1;
  }
}
