import { describe, expect, it } from 'vitest';
import { KllSketch } from '../../../src/lib/monitor/kll.ts';
import { kllBuckets } from '../../../src/lib/monitor/kll-buckets.ts';
import { mulberry32 as seeded } from '../../../src/lib/ml/random.ts';


describe('KllSketch follows Deequ\'s QuantileNonSample', () => {
  it('capacity(h) = 2·(⌈k·c^h/2⌉ + 1): 2050, 1314, 842 for k = 2048, c = 0.64, and 4 at the top', () => {
    const s = new KllSketch();
    expect([0, 1, 2, 3].map((h) => s.capacity(h))).toEqual([2050, 1314, 842, 540]);
    expect(s.capacity(40)).toBe(4);
  });

  it('the 2051st value compacts level 0: 1025 sorted even-position items move up, the odd last value stays', () => {
    const s = new KllSketch();
    const values = Array.from({ length: 2051 }, (_, i) => (i * 7919) % 2051); // a permutation of 0..2050
    for (const v of values) s.update(v);
    const data = s.toData();
    expect(data.length).toBe(2);
    expect(data[0]).toEqual([values[2050]]);
    // The first 2050 values sorted are 0..2050 minus values[2050]; offset 0 takes positions 0, 2, 4, ….
    const sorted = values.slice(0, 2050).sort((a, b) => a - b);
    expect(data[1]).toEqual(sorted.filter((_, i) => i % 2 === 0));
    expect(s.count).toBe(2051);
  });

  it('the offset of a level flips before every even-numbered compaction after the first: 0, 1, 1, 0, 0', () => {
    // With k = 2 every level holds 4; feeding 1, 2, 3, … shows which half each level-0 compaction kept.
    const s = new KllSketch(2, 0.64);
    const kept: number[] = [];
    let previous: number[] = [];
    for (let v = 1; v <= 60 && kept.length < 5; v++) {
      s.update(v);
      const level1 = s.toData()[1] ?? [];
      if (s.compactions[0] > kept.length) {
        // The first item that arrived on level 1 in this compaction says which offset was used.
        const added = level1.length >= previous.length ? level1.slice(previous.length) : level1;
        kept.push(added[0] % 2 === 1 ? 0 : 1);
      }
      previous = level1;
    }
    expect(kept).toEqual([0, 1, 1, 0, 0]);
  });

  it('stores at most its summed capacity, O(k + log n) numbers: ≤ 6200 items over 10 levels for 1,000,000 values', () => {
    const s = new KllSketch();
    const random = seeded(7);
    let maxSize = 0;
    for (let i = 0; i < 1_000_000; i++) {
      s.update(random());
      maxSize = Math.max(maxSize, s.size);
    }
    expect(maxSize).toBeLessThanOrEqual(s.totalCapacity + 1);
    // Σ 2·(⌈k c^h / 2⌉ + 1) ≤ 2k/(1 − c)·½ + 4·levels + levels; log2(10^6 / 2048) ≈ 8.9.
    expect(s.levels).toBeLessThanOrEqual(Math.ceil(Math.log2(1_000_000 / 2048)) + 3);
    expect(s.totalCapacity).toBeLessThanOrEqual(2048 / (1 - 0.64) + 6 * s.levels);
    expect(maxSize).toBeLessThanOrEqual(6200);
    expect(s.count).toBe(1_000_000);
  });

  it('rank error on 1,000,000 seeded values stays within the deterministic bound Σ_h compactions_h·2^h / n and under 0.5%', () => {
    const n = 1_000_000;
    const random = seeded(42);
    const values = new Float64Array(n);
    const s = new KllSketch();
    for (let i = 0; i < n; i++) {
      values[i] = random() * 1000 - 200 + (random() < 0.3 ? random() * 5000 : 0); // skewed mixture
      s.update(values[i]);
    }
    // Each compaction of a level-h buffer moves any rank by at most one item's weight, 2^h.
    const bound = s.compactions.reduce((sum, times, h) => sum + times * 2 ** h, 0) / n;
    const sorted = Float64Array.from(values).sort();
    let worst = 0;
    for (let q = 1; q < 1000; q++) {
      const x = sorted[Math.floor((q / 1000) * n)];
      // True inclusive rank of x: index of the first value greater than x.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] <= x) lo = mid + 1;
        else hi = mid;
      }
      worst = Math.max(worst, Math.abs(s.rank(x) - lo) / n);
    }
    expect(worst).toBeLessThanOrEqual(bound);
    expect(worst).toBeLessThan(0.005);
    // Quantiles read back within the same rank error.
    const median = s.quantile(0.5);
    let below = 0;
    for (let i = 0; i < n; i++) if (sorted[i] <= median) below++;
    expect(Math.abs(below / n - 0.5)).toBeLessThan(0.005);
  });

  it('fromData(toData()) keeps every rank, and merge keeps the total weight', () => {
    const random = seeded(3);
    const a = new KllSketch();
    const b = new KllSketch();
    for (let i = 0; i < 50_000; i++) a.update(random());
    for (let i = 0; i < 30_000; i++) b.update(random() + 0.5);
    const copy = KllSketch.fromData(a.k, a.c, a.toData());
    for (const x of [0.1, 0.5, 0.9]) expect(copy.rank(x)).toBe(a.rank(x));
    a.merge(b);
    expect(a.count).toBe(80_000);
    expect(a.size).toBeLessThan(a.totalCapacity);
  });

  it('kllBuckets counts exactly while nothing is compacted, the last bucket closed on the right', () => {
    const s = new KllSketch();
    const values = [1, 1, 2, 3, 3, 3, 4.5, 5, 5, 5];
    for (const v of values) s.update(v);
    const buckets = kllBuckets(s, 1, 5, 4);
    expect(buckets).toEqual([
      { lower_bound: 1, upper_bound: 2, count: 2 },
      { lower_bound: 2, upper_bound: 3, count: 1 },
      { lower_bound: 3, upper_bound: 4, count: 3 },
      { lower_bound: 4, upper_bound: 5, count: 4 },
    ]);
  });

  it('rejects bad parameters with messages that name them', () => {
    expect(() => new KllSketch(1)).toThrow('k must be an integer ≥ 2, got 1');
    expect(() => new KllSketch(2048, 1.5)).toThrow('c must be in (0, 1], got 1.5');
    expect(() => kllBuckets(new KllSketch(), 0, 1, 101)).toThrow('buckets must be an integer from 1 to 100, got 101');
    expect(() => kllBuckets(new KllSketch(), 2, 1)).toThrow('min ≤ max, got 2 and 1');
  });
});
