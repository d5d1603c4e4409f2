// Dividing row indices into train / validation / test: a seeded shuffle, a per-class shuffle that keeps
// class shares (stratified), or an ordering by a time column with the latest rows held out.
import { SeededRandom } from '../random.ts';
import { PrepareError } from './errors.ts';
import type { SplitMethod } from './types.ts';

/** Row indices of each part, ascending within a part (time splits: in time order). */
export interface RowSplit {
  train: Uint32Array;
  validation: Uint32Array;
  test: Uint32Array;
}

/** Resolved split settings. */
export interface SplitPlan {
  method: SplitMethod;
  validationFraction: number;
  testFraction: number;
  seed: number;
}

function shuffle(a: Uint32Array, rng: SeededRandom): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = a[i]; a[i] = a[j]; a[j] = t;
  }
}

/** How many of `n` rows a fraction takes: rounded, but at least one when the fraction is positive. */
function share(n: number, fraction: number): number {
  return fraction > 0 ? Math.max(1, Math.round(n * fraction)) : 0;
}

function sortedParts(rows: Uint32Array, nVal: number, nTest: number, sort: boolean): RowSplit {
  const test = rows.slice(0, nTest);
  const validation = rows.slice(nTest, nTest + nVal);
  const train = rows.slice(nTest + nVal);
  if (sort) { test.sort(); validation.sort(); train.sort(); }
  return { train, validation, test };
}

/**
 * Splits `rows` (indices into the table). `strata` (class index per table row) is needed for
 * 'stratified'; `time` (a value per table row, NaN = missing) for 'time'. Throws PrepareError when a part
 * would be empty.
 */
export function splitRows(rows: Uint32Array, plan: SplitPlan, strata?: Float32Array, time?: Float64Array): RowSplit {
  const n = rows.length;
  const nVal = share(n, plan.validationFraction);
  const nTest = share(n, plan.testFraction);
  if (n - nVal - nTest < 1) {
    throw new PrepareError(`validationFraction ${plan.validationFraction} and testFraction ${plan.testFraction} of ${n} rows leave no rows to train on`);
  }
  if (nVal === 0 && nTest === 0) return { train: rows.slice(), validation: new Uint32Array(0), test: new Uint32Array(0) };
  const rng = new SeededRandom(plan.seed);
  if (plan.method === 'time') {
    if (!time) throw new PrepareError('split.timeColumn is required when split.method is "time"');
    // Rows without a time sort first, so held-out rows are the latest known ones.
    const order = Array.from(rows).sort((a, b) => {
      const ta = time[a], tb = time[b];
      if (ta !== ta) return tb !== tb ? a - b : -1;
      if (tb !== tb) return 1;
      return ta - tb || a - b;
    });
    const train = Uint32Array.from(order.slice(0, n - nVal - nTest));
    const validation = Uint32Array.from(order.slice(n - nVal - nTest, n - nTest));
    const test = Uint32Array.from(order.slice(n - nTest));
    return { train, validation, test };
  }
  if (plan.method === 'random' || !strata) {
    const shuffled = rows.slice();
    shuffle(shuffled, rng);
    return sortedParts(shuffled, nVal, nTest, true);
  }
  // Stratified: each class is shuffled and dealt out in proportion; rounding leftovers follow the totals.
  const byClass = new Map<number, number[]>();
  for (const r of rows) {
    const c = strata[r];
    const list = byClass.get(c);
    if (list) list.push(r); else byClass.set(c, [r]);
  }
  const train: number[] = [], validation: number[] = [], test: number[] = [];
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const part = Uint32Array.from(byClass.get(c)!);
    shuffle(part, rng);
    const k = part.length;
    const kTest = Math.round(k * plan.testFraction);
    const kVal = Math.round(k * plan.validationFraction);
    for (let i = 0; i < k; i++) (i < kTest ? test : i < kTest + kVal ? validation : train).push(part[i]);
  }
  // Per-class rounding may leave a part empty on tiny data; borrow a training row then.
  if (nVal > 0 && validation.length === 0 && train.length > 1) validation.push(train.pop()!);
  if (nTest > 0 && test.length === 0 && train.length > 1) test.push(train.pop()!);
  const sorted = (a: number[]) => Uint32Array.from(a).sort();
  return { train: sorted(train), validation: sorted(validation), test: sorted(test) };
}
