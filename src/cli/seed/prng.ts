/**
 * A small seeded pseudo-random generator for synthetic data: sfc32 (Chris Doty-Humphrey's
 * "small fast chaotic" generator, as in PractRand), seeded through splitmix32.
 * Same seed → same sequence on every machine; never Math.random, never the clock.
 *
 * Example: createRng(42).int(1, 6) always returns the same die roll.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both included. Throws RangeError when max < min. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One value of a non-empty list of [value, weight] pairs, weights ≥ 0 with a positive sum. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A generator for a safe-integer seed (negative and > 2^32 seeds are distinct too). */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer: ${seed}`);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 2 ** 32) >>> 0;
  const mix = splitmix32(lo ^ Math.imul(hi, 0x27d4eb2d));
  let a = mix();
  let b = mix() ^ hi;
  let c = mix();
  let d = 1;
  const u32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) u32(); // discard the first outputs, as sfc32 recommends
  const next = (): number => u32() / 4_294_967_296;
  return {
    next,
    int(min, max) {
      if (max < min) throw new RangeError(`empty range ${min}..${max}`);
      return min + Math.floor(next() * (max - min + 1));
    },
    chance: (p) => next() < p,
    pick(items) {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted(entries) {
      let total = 0;
      for (const [, w] of entries) total += w;
      if (!(total > 0)) throw new RangeError('weights must have a positive sum');
      let r = next() * total;
      for (const [v, w] of entries) {
        if (r < w) return v;
        r -= w;
      }
      return entries[entries.length - 1]![0];
    },
  };
}
