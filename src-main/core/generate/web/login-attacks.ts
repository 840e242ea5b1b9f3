// Credential stuffing: leaked username/password pairs tried in bursts against the login, from a
// small pool of proxy addresses that each show one user agent. Nearly every try fails (401); the
// rate rule starts refusing (403) when a burst runs long; now and then a pair works (302, or 200
// with a token on the API) and the attacker looks at the account it got.
import { type Injector, place } from '../campaign.js';
import type { Rng } from '../rng.js';
import {
  type Attacker,
  attackerFrom,
  attackRequest,
  attackSource,
  campaign,
  campaignAgent,
  timeAt,
} from './attacker.js';
import { CREDENTIAL_STUFFING } from './labels.js';
import type { WebRequest } from './request.js';
import { API_HOST, bodySize, ORIGIN, serverTime } from './site.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Burst after burst: tries a second or so apart, with quiet minutes between bursts. */
function burstOffsets(size: number, rng: Rng): Float64Array {
  const offsets = new Float64Array(size);
  const gap = rng.between(0.3, 3) * SECOND;
  let t = 0;
  let left = 0;
  for (let i = 0; i < size; i++) {
    if (left === 0) {
      left = 20 + rng.int(300);
      if (i > 0) t += rng.between(5, 90) * MINUTE;
    }
    offsets[i] = t;
    t += Math.max(1, Math.round(rng.exponential(gap)));
    left--;
  }
  return offsets;
}

const credentialStuffing: Injector<WebRequest> = {
  kind: CREDENTIAL_STUFFING,
  share: 0.17,
  typical: [200, 3000],
  maxRows: () => 6000,
  create(size, rng, ctx) {
    const pool: Attacker[] = Array.from({ length: 1 + rng.int(12) }, () =>
      attackerFrom(
        attackSource(ctx, 0),
        campaignAgent(rng, () => 'okhttp/4.9.0', { tool: 0.15, browser: 0.65 }),
        rng,
      ),
    );
    const api = rng.chance(0.35);
    const path = api ? '/api/v1/auth/login' : '/login';
    const host = api && rng.chance(0.5) ? API_HOST : 'www.example.com';
    const referrer = api || rng.chance(0.5) ? '' : `${ORIGIN}/login`;
    const times = place(burstOffsets(size, rng), rng, ctx.start, ctx.end);
    const successRate = rng.between(0.002, 0.03);
    let inBurst = 0;
    let last = 0;
    let success: Attacker | null = null;
    return campaign(CREDENTIAL_STUFFING, times, (i) => {
      const start = timeAt(times, i);
      inBurst = start - last > 2 * MINUTE ? 0 : inBurst + 1;
      last = start;
      if (success) {
        // The account that worked: a look at what it holds.
        const who = success;
        success = null;
        return attackRequest(
          CREDENTIAL_STUFFING,
          who,
          start,
          i,
          {
            target: '/account',
            status: 200,
            bytes: bodySize('/account', rng),
            timeMs: serverTime('/account', rng),
            host,
            referrer: `${ORIGIN}/login`,
          },
          rng,
        );
      }
      const who = pool[i % pool.length] ?? pool[0];
      if (!who) throw new Error('empty proxy pool');
      const base = { method: 'POST', target: path, host, referrer, bodyBytes: 40 + rng.int(40) };
      const timeMs = rng.logNormal(170, 0.3);
      if (inBurst > 60 && rng.chance(0.35))
        return attackRequest(
          CREDENTIAL_STUFFING,
          who,
          start,
          i,
          { ...base, status: 403, blocked: true, timeMs: 0.5 },
          rng,
        );
      if (rng.chance(successRate)) {
        success = who;
        return attackRequest(
          CREDENTIAL_STUFFING,
          who,
          start,
          i,
          { ...base, status: api ? 200 : 302, bytes: api ? 690 : 0, timeMs },
          rng,
        );
      }
      return attackRequest(
        CREDENTIAL_STUFFING,
        who,
        start,
        i,
        { ...base, status: 401, bytes: api ? 52 : undefined, timeMs },
        rng,
      );
    });
  },
};

export const LOGIN_INJECTORS: readonly Injector<WebRequest>[] = [credentialStuffing];
