import { describe, expect, it } from 'vitest';
import { argsortDescendingFloat32, radixSortFloat32 } from '../../../src/lib/ml/radix-sort.ts';
import { SeededRandom } from '../../../src/lib/ml/random.ts';

function reference(values: Float32Array): number[] {
  const isNeg0 = (x: number) => (Object.is(x, -0) ? 1 : 0);
  return Array.from(values, (_, i) => i).sort((a, b) => values[b] - values[a] || isNeg0(values[a]) - isNeg0(values[b]) || a - b);
}

describe('argsortDescendingFloat32', () => {
  for (const n of [0, 1, 7, 600, 5_000]) {
    it(`orders ${n} values with ties, negatives, ±0 and ±Infinity as a stable descending comparator sort`, () => {
      const rng = new SeededRandom(n + 1);
      const pool = [0, -0, Infinity, -Infinity, 1e-38, -1e-38, 3.5, -3.5];
      const values = Float32Array.from({ length: n }, () => {
        const u = rng.next();
        return u < 0.2 ? pool[Math.floor(rng.next() * pool.length)] : u < 0.5 ? Math.round(rng.next() * 10) / 4 - 1 : (rng.next() - 0.5) * 1e6;
      });
      const copy = values.slice();
      expect(Array.from(argsortDescendingFloat32(values))).toEqual(reference(values));
      expect(values).toEqual(copy);
    });
  }

  it('agrees with radixSortFloat32 reversed', () => {
    const rng = new SeededRandom(9);
    const values = Float32Array.from({ length: 3000 }, () => rng.next() * 2 - 1);
    const order = argsortDescendingFloat32(values);
    const sorted = radixSortFloat32(values.slice()).reverse();
    expect(Float32Array.from(order, (i) => values[i])).toEqual(sorted);
  });
});
