/** Small helpers for the benchmark scripts: timing and percentiles (no dependencies). */

/** The value at percentile `p` (0–100) of `samples`, nearest-rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

/** Runs `fn` `n` times and returns each duration in ms. */
export async function sample(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    out.push(performance.now() - start);
  }
  return out;
}

/** One table row: label, p50, p95, max in ms. */
export function row(label: string, samples: number[]): string {
  const f = (ms: number) => ms.toFixed(3).padStart(8);
  return `${label.padEnd(44)} p50 ${f(percentile(samples, 50))} ms  p95 ${f(percentile(samples, 95))} ms  max ${f(Math.max(...samples))} ms`;
}

/** A deterministic pseudo-random generator (mulberry32), so runs are comparable. */
export function createRandom(seed = 42): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
