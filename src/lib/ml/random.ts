// A small seeded PRNG (mulberry32) so that row and column sampling give the same model for the same
// seed in Node, in a worker and on every machine. Not the same stream as XGBoost's std::mt19937: a
// seeded mlpad model is reproducible within mlpad, not bit-identical to native sampling.

/**
 * mulberry32 from a raw 32-bit seed: small, fast and fully specified, so generated samples, fixtures and
 * benchmark files come out bit-for-bit the same on every machine. Returns uniforms in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class SeededRandom {
  /** Uniform in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    // Mix the seed so that 0, 1, 2… give unrelated streams.
    this.next = mulberry32((Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0);
  }

  /** Uniform integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * A sorted random subset of `k` items of `from` (Fisher–Yates on a copy), as XGBoost's column
   * sampler returns feature sets in ascending order.
   */
  sample(from: Int32Array, k: number): Int32Array {
    const a = from.slice();
    const n = a.length;
    const m = Math.min(k, n);
    for (let i = 0; i < m; i++) {
      const j = i + this.nextInt(n - i);
      const t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a.subarray(0, m).sort();
  }
}
