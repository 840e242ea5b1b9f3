// The network traffic model behind cloudwatch-csv, vpc-flow and waf-json: client sessions to a few
// servers, with port scans, brute force, exfiltration, beaconing and rare-country visits.
import { planAttacks } from './attack-plan.js';
import { INJECTORS } from './attacks.js';
import { BenignTraffic } from './benign.js';
import { buildPopulation, buildServers, populationSize } from './population.js';
import { Rng } from './rng.js';
import { LABELS, type Session } from './session.js';
import type { ModelOptions, TrafficModel } from './traffic-model.js';
import { createWriter, type NetworkFormat } from './writers/index.js';

export function networkModel(options: ModelOptions, format: NetworkFormat): TrafficModel<Session> {
  const { seed, start, end } = options;
  const population = buildPopulation(populationSize(options.rows), new Rng(seed, 'population'));
  const servers = buildServers(new Rng(seed, 'servers'));
  const campaigns = planAttacks(
    options.attackRows,
    seed,
    { start, end, population, servers },
    INJECTORS,
    LABELS,
  );
  const benign = new BenignTraffic(population, servers, new Rng(seed, 'benign'));
  return {
    labels: LABELS,
    fillBenign: (from, to, count, out) => benign.fill(from, to, count, out),
    campaigns,
    writer: createWriter(format, { seed, servers }),
  };
}
