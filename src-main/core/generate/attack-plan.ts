// Turns "this many attack rows" into campaigns: rows split over the kinds by their shares, each
// kind's rows split into campaigns of a plausible size, each campaign with its own random stream
// (so a campaign's sessions do not depend on how the output interleaves them).
import { apportion } from './apportion.js';
import { type Campaign, type Injector, SourcePicker } from './campaign.js';
import type { Population, Server } from './population.js';
import { Rng } from './rng.js';

export interface AttackRange {
  start: number;
  end: number;
  population: Population;
  servers: readonly Server[];
}

/** `labels` names the kinds (it also names each campaign's random stream). */
export function planAttacks<T>(
  rows: number,
  seed: number,
  range: AttackRange,
  injectors: readonly Injector<T>[],
  labels: readonly string[],
): Campaign<T>[] {
  const rng = new Rng(seed, 'attack-plan');
  const sources = new SourcePicker(range.population, rng);
  const context = { start: range.start, end: range.end, servers: range.servers, sources };
  const budgets = apportion(
    rows,
    injectors.map((injector) => injector.share),
  );
  const campaigns: Campaign<T>[] = [];
  injectors.forEach((injector, k) => {
    campaignSizes(budgets[k] ?? 0, injector, range.end - range.start, rng).forEach((size, i) => {
      const own = new Rng(seed, `${labels[injector.kind]}:${i}`);
      campaigns.push(injector.create(size, own, context));
    });
  });
  return campaigns;
}

/** Campaign sizes summing to `budget`, around the injector's typical size and never over its maximum. */
export function campaignSizes<T>(budget: number, injector: Injector<T>, period: number, rng: Rng): number[] {
  if (budget <= 0) return [];
  const [low, high] = injector.typical;
  const max = injector.maxRows(period);
  const count = Math.min(
    budget,
    Math.max(1, Math.round(budget / ((low + high) / 2)), Math.ceil(budget / max)),
  );
  const extra = apportion(
    budget - count,
    Array.from({ length: count }, () => rng.between(0.4, 1.6)),
  );
  const sizes: number[] = [];
  for (const share of extra) {
    // Uneven weights can push one campaign past the maximum: the excess becomes campaigns of its own.
    let size = share + 1;
    while (size > max) {
      sizes.push(max);
      size -= max;
    }
    if (size > 0) sizes.push(size);
  }
  return sizes;
}
