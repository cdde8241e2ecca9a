/** Latency percentiles for the benchmark's report. */

/** The nearest-rank percentile of an ascending list (0 when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Latency {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export function latency(values: readonly number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (p: number) => Number(percentile(sorted, p).toFixed(1));
  return { p50Ms: r(50), p95Ms: r(95), p99Ms: r(99) };
}
