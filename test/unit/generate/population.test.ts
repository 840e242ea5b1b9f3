import { describe, expect, it } from 'vitest';
import { createGeoIp } from '../../../src-main/core/enrich/geoip.js';
import { COUNTRIES } from '../../../src-main/core/generate/countries.js';
import { buildPopulation, buildServers, populationSize } from '../../../src-main/core/generate/population.js';
import { Rng } from '../../../src-main/core/generate/rng.js';

describe('client population', () => {
  const population = buildPopulation(populationSize(200_000), new Rng(11, 'population'));

  it('has distinct public addresses that the shipped GeoIP database puts in their stated country', () => {
    const geo = createGeoIp(null);
    expect(new Set(population.ips).size).toBe(population.ips.length);
    const mismatched = population.ips.filter(
      (ip, i) => geo.country(ip) !== COUNTRIES[population.country[i]!]!.code,
    );
    expect(mismatched).toEqual([]);
    for (const ip of population.ips)
      expect(ip).not.toMatch(/^(10|127|0)\.|^192\.168\.|^172\.(1[6-9]|2\d|3[01])\./);
  });

  it('draws home countries from a skewed mix: the US leads, rare countries are a trickle', () => {
    const counts = new Map<string, number>();
    for (const c of population.country) {
      const code = COUNTRIES[c]!.code;
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const n = population.ips.length;
    expect(counts.size).toBeGreaterThanOrEqual(30);
    expect(counts.get('US')! / n).toBeGreaterThan(0.2);
    const rare = COUNTRIES.filter((c) => c.rare).reduce((a, c) => a + (counts.get(c.code) ?? 0), 0);
    expect(rare / n).toBeLessThan(0.01);
  });

  it('gives activity a heavy tail: the busiest 1 % of clients carry several times their share', () => {
    const weights = population.byCountry.flatMap(({ cumulative }) =>
      Array.from(cumulative, (sum, k) => sum - (k === 0 ? 0 : cumulative[k - 1]!)),
    );
    weights.sort((a, b) => b - a);
    const total = weights.reduce((a, b) => a + b, 0);
    const top = weights.slice(0, Math.ceil(weights.length / 100)).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.05);
    expect(weights[0]! / total).toBeLessThanOrEqual(0.004 + 1e-9);
  });

  it('puts the servers in private 10.x space, the sample’s web server first', () => {
    const servers = buildServers(new Rng(11, 'servers'));
    expect(servers[0]!.ip).toBe('10.138.69.97');
    for (const server of servers) {
      expect(server.ip).toMatch(/^10\.\d+\.\d+\.\d+$/);
      expect(server.eni).toMatch(/^eni-[0-9a-f]{17}$/);
    }
  });
});
