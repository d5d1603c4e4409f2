// A small seeded PRNG (mulberry32) so that row and column sampling give the same model for the same
// seed in Node, in a worker and on every machine. Not the same stream as XGBoost's std::mt19937: a
// seeded mlpad model is reproducible within mlpad, not bit-identical to native sampling.

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    // Mix the seed so that 0, 1, 2… give unrelated streams.
    this.state = (Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
