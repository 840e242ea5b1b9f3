// Seeded PRNG (xoshiro128**, seeded through splitmix32): 32-bit integer maths only, so results are
// identical on every platform and in every worker, and a model is reproducible from its seed.

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

/**
 * Mixes a seed with a stream number (e.g. a tree index) so each tree has its own generator and
 * does not depend on how much randomness earlier trees used: trees can later be built in
 * parallel workers and still come out identical.
 */
export function deriveSeed(seed: number, stream: number): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  let [state, out] = splitmix32(lo ^ Math.imul(hi, 0x27d4eb2f));
  [state, out] = splitmix32(state ^ out ^ Math.imul(stream + 1, 0x165667b1));
  return (out ^ state) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let state = seed >>> 0;
    const word = (): number => {
      const [next, out] = splitmix32(state);
      state = next;
      return out;
    };
    this.a = word();
    this.b = word();
    this.c = word();
    this.d = word();
    // The all-zero state is the one fixed point of xoshiro.
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Uniform unsigned 32-bit integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9);
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result >>> 0;
  }

  /** Uniform in [0, 1) with 53 random bits, like Math.random's contract. */
  nextFloat(): number {
    return ((this.nextU32() >>> 5) * 67108864 + (this.nextU32() >>> 6)) / 9007199254740992;
  }

  /** Uniform integer in [0, n); the bias of scaling 53 bits is far below anything measurable here. */
  below(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }

  /** Standard normal (Box–Muller); used by tests and benchmarks to synthesise data. */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.nextFloat();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.nextFloat());
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
