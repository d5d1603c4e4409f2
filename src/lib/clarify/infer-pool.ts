// Kernel SHAP spends its time evaluating the model on synthetic rows; for models that compute on the CPU
// (XGBoost, random cut forest) a pool of workers, each holding the model, shares every batch. The pool is
// a list of "evaluate these rows" functions (a worker each); this splits a batch into one contiguous slice
// per member and puts the outputs back in order, so the values equal a single evaluation's exactly.
import type { BatchModel } from './shap/kernel-shap.ts';

/** Rows below which a batch is not split (the messages would cost more than the work). */
export const MIN_SPLIT_ROWS = 256;

/** One BatchModel over `members`; `columns` is the row width. */
export function pooledModel(members: readonly BatchModel[], columns: number): BatchModel {
  if (members.length === 0) throw new RangeError('pooledModel needs at least one member');
  return async (rows, n) => {
    const parts = n < MIN_SPLIT_ROWS ? 1 : Math.min(members.length, Math.ceil(n / MIN_SPLIT_ROWS));
    // Members may transfer what they are given, so each gets its own copy: `rows` stays the caller's.
    if (parts === 1) return members[0](rows.slice(0, n * columns), n);
    const per = Math.ceil(n / parts);
    const slices: [number, number][] = [];
    for (let start = 0; start < n; start += per) slices.push([start, Math.min(n, start + per)]);
    const outs = await Promise.all(slices.map(([a, b], k) => members[k](rows.slice(a * columns, b * columns), b - a)));
    const width = outs[0].length / (slices[0][1] - slices[0][0]);
    const out = new Float32Array(n * width);
    slices.forEach(([a], k) => out.set(outs[k], a * width));
    return out;
  };
}
