// The attack injectors. Each builds one campaign: a single source whose sessions carry the
// behaviour an analyst hunts for (many ports, repeated failed logins, huge outbound transfers,
// clockwork check-ins, visits from rare countries at night), planned in time up front.
import { apportion } from './apportion.js';
import { type Campaign, type Injector, offsetsFromGaps, place } from './campaign.js';
import { OPEN_PORTS, protocolForPort, SCAN_TCP_PORTS, SCAN_UDP_PORTS } from './ports.js';
import { cumulative, type Rng } from './rng.js';
import { BEACONING, BRUTE_FORCE, EXFILTRATION, PORT_SCAN, RARE_COUNTRY, type Session } from './session.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Many destination ports of one server, fast, tiny packets; closed ports answer with a reset. */
const portScan: Injector = {
  kind: PORT_SCAN,
  share: 0.25,
  typical: [80, 1200],
  maxRows: () => 4000,
  create(size, rng, ctx) {
    const source = ctx.sources.fresh();
    const server = rng.int(ctx.servers.length);
    const udp = rng.chance(0.15);
    const ports = scanPorts(size, udp, rng);
    const gapMean = Math.min(rng.between(30, 600), (0.5 * (ctx.end - ctx.start)) / size);
    const times = place(
      offsetsFromGaps(size, () => rng.exponential(gapMean)),
      rng,
      ctx.start,
      ctx.end,
    );
    return campaign(PORT_SCAN, times, (i) => {
      const port = ports[i]!;
      const open = !udp && OPEN_PORTS.has(port);
      return {
        start: times[i]!,
        duration: open ? 50 + rng.int(900) : rng.int(200),
        srcIp: source.ip,
        country: source.country,
        server,
        dstPort: port,
        protocol: protocolForPort(port, udp),
        udp,
        bytesIn: udp ? 28 + rng.int(80) : 40 + rng.int(40),
        bytesOut: open ? 60 + rng.int(400) : 40 + rng.int(20),
        responseCode: open ? rng.pick([200, 400, 404]) : rng.pick([400, 403, 404]),
        kind: PORT_SCAN,
        sourceKey: source.key,
      };
    });
  },
};

const LOGIN_PORTS = [22, 3389, 443];
const LOGIN_PORT_SUMS = cumulative([0.35, 0.25, 0.4]);
const LOGIN_CODES = [401, 403, 400, 429, 200];
const LOGIN_CODE_SUMS = cumulative([0.55, 0.25, 0.07, 0.05, 0.08]);

/** One login port, attempt after attempt a second or so apart, near-identical sizes, mostly refused. */
const bruteForce: Injector = {
  kind: BRUTE_FORCE,
  share: 0.25,
  typical: [60, 1500],
  maxRows: (period) => Math.max(1, Math.floor((0.5 * period) / 1500)),
  create(size, rng, ctx) {
    const source = ctx.sources.fresh();
    const server = rng.int(ctx.servers.length);
    const port = LOGIN_PORTS[rng.weighted(LOGIN_PORT_SUMS)]!;
    const gap = Math.max(1500, Math.min(rng.between(1500, 8000), (0.5 * (ctx.end - ctx.start)) / size));
    const times = place(
      offsetsFromGaps(size, () => Math.max(SECOND, gap * rng.between(0.5, 1.5))),
      rng,
      ctx.start,
      ctx.end,
    );
    const bytesIn = rng.between(350, 900);
    const bytesOut = rng.between(200, 600);
    return campaign(BRUTE_FORCE, times, (i) => ({
      start: times[i]!,
      duration: Math.round(rng.between(300, port === 3389 ? 6000 : 3000)),
      srcIp: source.ip,
      country: source.country,
      server,
      dstPort: port,
      protocol: protocolForPort(port, false),
      udp: false,
      bytesIn: Math.round(bytesIn * (1 + 0.04 * rng.normal())),
      bytesOut: Math.round(bytesOut * (1 + 0.04 * rng.normal())),
      responseCode: LOGIN_CODES[rng.weighted(LOGIN_CODE_SUMS)]!,
      kind: BRUTE_FORCE,
      sourceKey: source.key,
    }));
  },
};

/** A few long HTTPS sessions that carry tens of megabytes out of the server, one after another. */
const exfiltration: Injector = {
  kind: EXFILTRATION,
  share: 0.1,
  typical: [4, 30],
  maxRows: (period) => Math.max(1, Math.floor((0.3 * period) / (40 * MINUTE))),
  create(size, rng, ctx) {
    const source = ctx.sources.freshOrClient(0.1);
    const server = rng.int(ctx.servers.length);
    const port = rng.chance(0.9) ? 443 : 8443;
    // Log-uniform between 2 and 40 minutes: overlaps the long end of benign sessions.
    const durations = Array.from({ length: size }, () =>
      Math.round(Math.exp(rng.between(4.8, 7.8)) * SECOND),
    );
    const pause = Math.min(rng.between(20, 180) * MINUTE, (0.3 * (ctx.end - ctx.start)) / size);
    let k = 0;
    const times = place(
      offsetsFromGaps(size, () => durations[k++]! + SECOND + rng.exponential(pause)),
      rng,
      ctx.start,
      ctx.end,
    );
    return campaign(EXFILTRATION, times, (i) => {
      const duration = durations[i]!;
      return {
        start: times[i]!,
        duration,
        srcIp: source.ip,
        country: source.country,
        server,
        dstPort: port,
        protocol: 'HTTPS',
        udp: false,
        bytesIn: Math.max(200, Math.round(rng.logNormal(1500, 0.5))),
        // Throughput of a bulk transfer, so bytes grow with duration.
        bytesOut: Math.max(300_000, Math.round((duration / SECOND) * rng.logNormal(50_000, 0.8))),
        responseCode: rng.chance(0.95) ? 200 : 206,
        kind: EXFILTRATION,
        sourceKey: source.key,
      };
    });
  },
};

const BEACON_INTERVALS = [30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * SECOND);

/** Check-ins at a fixed interval with a little jitter, same sizes each time, day and night. */
const beaconing: Injector = {
  kind: BEACONING,
  share: 0.25,
  typical: [40, 600],
  maxRows: (period) => Math.max(1, Math.floor((0.9 * period) / (1.1 * BEACON_INTERVALS[0]!))),
  create(size, rng, ctx) {
    const source = ctx.sources.freshOrClient(0.15);
    const server = rng.int(ctx.servers.length);
    const r = rng.float();
    const port = r < 0.8 ? 443 : r < 0.92 ? 80 : 8080;
    const fitting = BEACON_INTERVALS.filter(
      (interval) => size * interval * 1.1 <= 0.9 * (ctx.end - ctx.start),
    );
    const interval = fitting.length > 0 ? rng.pick(fitting) : BEACON_INTERVALS[0]!;
    const jitter = rng.between(0.01, 0.1);
    const times = place(
      offsetsFromGaps(size, () => interval * (1 + jitter * (2 * rng.float() - 1))),
      rng,
      ctx.start,
      ctx.end,
    );
    const bytesIn = rng.between(200, 1500);
    const bytesOut = rng.between(150, 4000);
    const duration = rng.between(150, 1500);
    return campaign(BEACONING, times, (i) => ({
      start: times[i]!,
      duration: Math.round(duration * (1 + 0.1 * rng.normal())),
      srcIp: source.ip,
      country: source.country,
      server,
      dstPort: port,
      protocol: protocolForPort(port, false),
      udp: false,
      bytesIn: Math.round(bytesIn * (1 + 0.02 * rng.normal())),
      bytesOut: Math.round(bytesOut * (1 + 0.03 * rng.normal())),
      responseCode: rng.chance(0.97) ? 200 : 204,
      kind: BEACONING,
      sourceKey: source.key,
    }));
  },
};

const RARE_CODES = [200, 404, 401, 403];
const RARE_CODE_SUMS = cumulative([0.72, 0.1, 0.1, 0.08]);

/** Ordinary-looking browsing, but from a country the site rarely sees, between 01:00 and 05:00 UTC. */
const rareCountryOddHours: Injector = {
  kind: RARE_COUNTRY,
  share: 0.15,
  typical: [8, 80],
  maxRows: () => 600,
  create(size, rng, ctx) {
    const source = ctx.sources.fresh(true);
    const server = rng.int(ctx.servers.length);
    const times = nightTimes(size, rng, ctx.start, ctx.end);
    return campaign(RARE_COUNTRY, times, (i) => {
      const port = rng.chance(0.9) ? 443 : 80;
      return {
        start: times[i]!,
        duration: Math.round(Math.min(600_000, Math.max(1000, rng.logNormal(40_000, 1.0)))),
        srcIp: source.ip,
        country: source.country,
        server,
        dstPort: port,
        protocol: protocolForPort(port, false),
        udp: false,
        bytesIn: Math.max(150, Math.round(rng.logNormal(9000, 1.0))),
        bytesOut: Math.max(120, Math.round(rng.logNormal(45_000, 1.1))),
        responseCode: RARE_CODES[rng.weighted(RARE_CODE_SUMS)]!,
        kind: RARE_COUNTRY,
        sourceKey: source.key,
      };
    });
  },
};

export const INJECTORS: readonly Injector[] = [
  portScan,
  bruteForce,
  exfiltration,
  beaconing,
  rareCountryOddHours,
];

function campaign(kind: number, times: Float64Array, session: (i: number) => Session): Campaign {
  return { kind, times, cursor: 0, session };
}

/** `size` distinct ports: the well-known ones a scanner tries first, then random ones. */
function scanPorts(size: number, udp: boolean, rng: Rng): number[] {
  const chosen = new Set<number>();
  const known = udp ? SCAN_UDP_PORTS : SCAN_TCP_PORTS;
  for (const port of known) if (chosen.size < size && rng.chance(0.8)) chosen.add(port);
  while (chosen.size < size) chosen.add(1 + rng.int(65535));
  const ports = [...chosen];
  for (let i = ports.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [ports[i], ports[j]] = [ports[j]!, ports[i]!];
  }
  return ports;
}

/** 01:00-05:00 UTC windows inside [start, end) at least an hour long. */
export function nightWindows(start: number, end: number): [number, number][] {
  const windows: [number, number][] = [];
  for (let day = Math.floor(start / DAY) * DAY; day < end; day += DAY) {
    const from = Math.max(start, day + HOUR);
    const to = Math.min(end, day + 5 * HOUR);
    if (to - from >= HOUR) windows.push([from, to]);
  }
  return windows;
}

/** Session starts spread over one to three consecutive night windows, strictly increasing. */
function nightTimes(size: number, rng: Rng, start: number, end: number): Float64Array {
  const windows = nightWindows(start, end);
  if (windows.length === 0)
    throw new Error('The time range has no 01:00-05:00 UTC window of an hour or more');
  const nights = 1 + rng.int(Math.min(3, windows.length));
  const first = rng.int(windows.length - nights + 1);
  const perNight = apportion(
    size,
    Array.from({ length: nights }, () => rng.between(0.5, 1.5)),
  );
  const times = new Float64Array(size);
  let k = 0;
  perNight.forEach((count, n) => {
    const [from, to] = windows[first + n]!;
    const slot = (to - from) / count;
    // One session per slot, somewhere in its middle: increasing, and never closer than a fifth of a slot.
    for (let i = 0; i < count; i++) times[k++] = Math.floor(from + (i + rng.between(0.1, 0.9)) * slot);
  });
  return times;
}
