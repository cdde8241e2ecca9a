/**
 * Which procedure groups the benchmark submits, and in what proportions: `--group death` (one group) or
 * `--mix birth=0.66,death=0.33,voluntary-si=0.01` (weights, normalised to sum to 1).
 *
 * Example: parseMix('birth=2,death=1') → { birth: 0.667, death: 0.333 }; schedule(that, 6) → birth, death, birth, birth, death, birth.
 */

export const BENCH_GROUPS = ['birth', 'death', 'voluntary-si'] as const;
export type BenchGroup = (typeof BENCH_GROUPS)[number];

/** Weights per group, each > 0, summing to 1; groups absent from the mix are not submitted. */
export type Mix = Partial<Record<BenchGroup, number>>;

export class MixError extends Error {}

const isGroup = (g: string): g is BenchGroup => (BENCH_GROUPS as readonly string[]).includes(g);

/** `--group G`: one known group. */
export function parseGroup(g: string): BenchGroup {
  if (!isGroup(g)) throw new MixError(`--group: unknown group "${g}" (one of ${BENCH_GROUPS.join(', ')})`);
  return g;
}

/**
 * `--mix group=weight,…`: every entry a known group, once, with a finite weight ≥ 0; at least one weight > 0.
 * A group of weight 0 is dropped (so that `death=0` can switch one off in a script).
 */
export function parseMix(s: string): Mix {
  const raw: [BenchGroup, number][] = [];
  const entries = s.split(',').map((e) => e.trim());
  if (entries.every((e) => e === '')) throw new MixError(`--mix: empty (e.g. --mix birth=0.66,death=0.33,voluntary-si=0.01)`);
  for (const entry of entries) {
    const m = /^([a-z-]+)\s*=\s*(\S+)$/.exec(entry);
    if (!m) throw new MixError(`--mix: "${entry}" is not group=weight (e.g. death=0.33)`);
    const [, group, weight] = m as unknown as [string, string, string];
    if (!isGroup(group)) throw new MixError(`--mix: unknown group "${group}" (one of ${BENCH_GROUPS.join(', ')})`);
    if (raw.some(([g]) => g === group)) throw new MixError(`--mix: group "${group}" given twice`);
    const w = /^(\d+(\.\d*)?|\.\d+)$/.test(weight) ? Number(weight) : NaN;
    if (!Number.isFinite(w)) throw new MixError(`--mix: weight of ${group} must be a number ≥ 0, not "${weight}"`);
    raw.push([group, w]);
  }
  const total = raw.reduce((t, [, w]) => t + w, 0);
  if (!(total > 0)) throw new MixError('--mix: at least one weight must be > 0');
  const mix: Mix = {};
  for (const g of BENCH_GROUPS) {
    const w = raw.find(([x]) => x === g)?.[1];
    if (w) mix[g] = w / total;
  }
  return mix;
}

/** The groups of a mix, in the catalogue's order. */
export const groupsOf = (mix: Mix): BenchGroup[] => BENCH_GROUPS.filter((g) => (mix[g] ?? 0) > 0);

/**
 * The group of each of n dossiers: interleaved (smooth weighted round robin), and each group's count within one of
 * n × weight, so that a short open-loop run already sees the mix and a small weight still gets its dossiers
 * (0.01 of 300 → 3). Deterministic: the same mix and n give the same order.
 */
export function schedule(mix: Mix, n: number): BenchGroup[] {
  const groups = groupsOf(mix);
  const given = new Map<BenchGroup, number>(groups.map((g) => [g, 0]));
  const out: BenchGroup[] = [];
  for (let i = 0; i < n; i++) {
    let best = groups[0]!;
    let lag = -Infinity;
    for (const g of groups) {
      const l = mix[g]! * (i + 1) - given.get(g)!;
      if (l > lag + 1e-12) [best, lag] = [g, l];
    }
    given.set(best, given.get(best)! + 1);
    out.push(best);
  }
  return out;
}

/** How many dossiers of each group a schedule holds. */
export function countsOf(order: readonly BenchGroup[]): Record<BenchGroup, number> {
  const c = { birth: 0, death: 0, 'voluntary-si': 0 } as Record<BenchGroup, number>;
  for (const g of order) c[g]++;
  return c;
}
