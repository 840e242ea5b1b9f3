// The web traffic model behind the access-log formats (combined, alb): shoppers, robots and apps
// browsing one shop, beside labelled web attacks (injection, scanning, web shells, credential
// stuffing, slow enumeration).
import { planAttacks } from '../attack-plan.js';
import { buildPopulation, buildServers, populationSize } from '../population.js';
import { Rng } from '../rng.js';
import type { ModelOptions, TrafficModel } from '../traffic-model.js';
import { createWebWriter, type WebFormat } from '../writers/index.js';
import { BenignWeb } from './benign-web.js';
import { INJECTION_INJECTORS } from './injection-attacks.js';
import { WEB_LABELS } from './labels.js';
import { LOGIN_INJECTORS } from './login-attacks.js';
import { PROBING_INJECTORS } from './probing-attacks.js';
import type { WebRequest } from './request.js';

export const WEB_INJECTORS = [...INJECTION_INJECTORS, ...PROBING_INJECTORS, ...LOGIN_INJECTORS];

export function webModel(options: ModelOptions, format: WebFormat): TrafficModel<WebRequest> {
  const { seed, start, end } = options;
  // A visit makes about twenty requests: the population is sized for visits, not lines.
  const population = buildPopulation(populationSize(options.rows / 4), new Rng(seed, 'population'));
  for (const address of BenignWeb.robotAddresses()) population.taken.add(address);
  const servers = buildServers(new Rng(seed, 'servers'));
  const campaigns = planAttacks(
    options.attackRows,
    seed,
    { start, end, population, servers },
    WEB_INJECTORS,
    WEB_LABELS,
  );
  const benign = new BenignWeb(population, new Rng(seed, 'web-benign'), end);
  return {
    labels: WEB_LABELS,
    fillBenign: (from, to, count, out) => benign.fill(from, to, count, out),
    campaigns,
    writer: createWebWriter(format, { seed }),
  };
}
