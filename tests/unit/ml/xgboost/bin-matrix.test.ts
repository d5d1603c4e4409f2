import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { binColumn, buildBinMatrix } from '../../../../src/lib/ml/xgboost/bin-matrix.ts';
import { computeCuts, searchBin } from '../../../../src/lib/ml/xgboost/quantile-cuts.ts';

describe('binColumn', () => {
  it('gives every value the bin searchBin gives it (missing → nBins), with cuts of 1 to 256 bins', () => {
    const rng = new SeededRandom(4);
    const n = 5003; // not a multiple of 4: the tail loop runs too
    const columns = [
      Float32Array.from({ length: n }, () => (rng.next() < 0.1 ? NaN : Math.fround(rng.next() * 1000 - 500))),
      Float32Array.from({ length: n }, (_, i) => i % 3), // three distinct values: three bins
      Float32Array.from({ length: n }, () => 7), // one value: one bin
      Float32Array.from({ length: n }, () => NaN), // all missing
      Float32Array.from({ length: n }, () => Math.round(rng.next() * 40) / 4), // ties on cut values
    ];
    const cuts = computeCuts(columns, 256);
    columns.forEach((col, j) => {
      const nBins = cuts.ptrs[j + 1] - cuts.ptrs[j];
      // Values on every cut point, just below and above it, and far outside the range.
      const probe = Float32Array.from([...col, ...Array.from(cuts.values.subarray(cuts.ptrs[j], cuts.ptrs[j + 1])).flatMap((c) => [c, Math.fround(c * (1 - 1e-7)), Math.fround(c * (1 + 1e-7))]), -1e30, 1e30, NaN]);
      const out = new Uint16Array(2 * probe.length + 1);
      binColumn(probe, cuts, j, out, 1, 2);
      probe.forEach((v, i) => expect(out[1 + 2 * i]).toBe(Number.isNaN(v) ? nBins : searchBin(cuts, j, v)));
    });
  });

  it('buildBinMatrix writes the row-major codes binColumn gives each column', () => {
    const rng = new SeededRandom(9);
    const cols = Array.from({ length: 3 }, () => Float32Array.from({ length: 1001 }, () => (rng.next() < 0.05 ? NaN : rng.next())));
    const bins = buildBinMatrix(cols, 1001, 64);
    cols.forEach((col, j) => {
      const one = new Uint8Array(1001);
      binColumn(col, bins.cuts, j, one);
      for (let i = 0; i < 1001; i++) expect(bins.codes[i * 3 + j]).toBe(one[i]);
    });
  });
});
