import { describe, expect, it } from 'vitest';
import { MIN_SPLIT_ROWS, pooledModel } from '../../../src/lib/clarify/infer-pool.ts';
import type { BatchModel } from '../../../src/lib/clarify/shap/kernel-shap.ts';

// A model with two outputs per row: the row's sum and its first value; each member records the rows it saw.
function member(seen: number[]): BatchModel {
  return async (rows, n) => {
    seen.push(n);
    const out = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) { out[2 * i] = rows[3 * i] + rows[3 * i + 1] + rows[3 * i + 2]; out[2 * i + 1] = rows[3 * i]; }
    // A member may take the buffer it is given (a worker transfer): simulate that by spoiling it.
    rows.fill(NaN);
    return out;
  };
}

describe('pooledModel (Kernel SHAP batches shared across workers)', () => {
  const n = 1000;
  const rows = Float32Array.from({ length: n * 3 }, (_, k) => (k * 7) % 13);

  it('splits a batch into one slice per member and returns the outputs in row order, equal to one evaluation', async () => {
    const one: number[] = [];
    const expected = await member(one)(rows.slice(), n);
    const seen = [[], [], []] as number[][];
    const pooled = pooledModel(seen.map((s) => member(s)), 3);
    const copy = rows.slice();
    const out = await pooled(copy, n);
    expect(Array.from(out)).toEqual(Array.from(expected));
    expect(seen.map((s) => s[0])).toEqual([334, 334, 332]);
    // The caller's rows are untouched even though members spoil what they get.
    expect(Array.from(copy)).toEqual(Array.from(rows));
  });

  it('does not split small batches', async () => {
    const seen = [[], []] as number[][];
    const pooled = pooledModel(seen.map((s) => member(s)), 3);
    await pooled(rows.slice(0, 30), 10);
    expect(seen).toEqual([[10], []]);
    await pooled(rows.slice(0, (MIN_SPLIT_ROWS + 1) * 3), MIN_SPLIT_ROWS + 1);
    expect(seen[1].length).toBe(1);
  });

  it('needs a member', () => {
    expect(() => pooledModel([], 3)).toThrow('pooledModel needs at least one member');
  });
});
