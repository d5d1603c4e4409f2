// Multiclass metrics of Model Monitor's model quality job: the confusion matrix, accuracy and the
// support-weighted recall, precision, f0_5, f1 and f2 (scikit-learn's average='weighted', zero_division=0),
// with the same for a best constant classifier. Model Monitor's documented example (2 096 rows, 406 of
// class "1") writes accuracy_best_constant_classifier 0.1937 = 406/2096 and weighted precision 0.1937²: a
// classifier that always predicts the least frequent class. That is the default here; `constantClass`
// picks another.
import { checkLength, fBeta, type ConfusionMatrix, type PointMetrics } from './quality-types.ts';

export type Label = string | number;

/** Classes present in either column, numbers ascending (when all are numbers) or text in code-point order. */
export function classesOf(actual: ArrayLike<Label>, predicted: ArrayLike<Label>): Label[] {
  const set = new Set<Label>();
  for (let i = 0; i < actual.length; i++) set.add(actual[i]);
  for (let i = 0; i < predicted.length; i++) set.add(predicted[i]);
  const all = [...set];
  return all.every((c) => typeof c === 'number') ? (all as number[]).sort((a, b) => a - b) : all.map(String).sort();
}

function counts(actual: ArrayLike<Label>, predicted: ArrayLike<Label> | Label, classes: Label[], rows?: ArrayLike<number>): Float64Array {
  const k = classes.length;
  const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
  const key = (v: Label): number => (index.get(v) ?? index.get(String(v))) as number;
  const m = new Float64Array(k * k);
  const n = rows ? rows.length : actual.length;
  const constant = typeof predicted === 'string' || typeof predicted === 'number' ? key(predicted) : -1;
  for (let t = 0; t < n; t++) {
    const i = rows ? rows[t] : t;
    m[key(actual[i]) * k + (constant >= 0 ? constant : key((predicted as ArrayLike<Label>)[i]))]++;
  }
  return m;
}

function weighted(m: Float64Array, k: number, prefix: string, suffix: string, out: PointMetrics): void {
  let n = 0, correct = 0;
  const support = new Float64Array(k), predictedCount = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    for (let p = 0; p < k; p++) {
      const c = m[a * k + p];
      n += c;
      support[a] += c;
      predictedCount[p] += c;
      if (a === p) correct += c;
    }
  }
  const sums = { recall: 0, precision: 0, f0_5: 0, f1: 0, f2: 0 };
  for (let c = 0; c < k; c++) {
    const tp = m[c * k + c];
    const precision = predictedCount[c] === 0 ? 0 : tp / predictedCount[c];
    const recall = support[c] === 0 ? 0 : tp / support[c];
    const w = support[c] / n;
    sums.recall += w * recall;
    sums.precision += w * precision;
    sums.f0_5 += w * fBeta(precision, recall, 0.5);
    sums.f1 += w * fBeta(precision, recall, 1);
    sums.f2 += w * fBeta(precision, recall, 2);
  }
  out[`accuracy${suffix}`] = correct / n;
  for (const [name, v] of Object.entries(sums)) out[`${prefix}${name}${suffix}`] = v;
}

/** The least frequent class of `actual` (first in class order on ties). */
export function leastFrequentClass(actual: ArrayLike<Label>, classes: Label[], rows?: ArrayLike<number>): Label {
  const m = counts(actual, classes[0], classes, rows);
  const k = classes.length;
  let best = -1, bestCount = Infinity;
  for (let c = 0; c < k; c++) {
    const s = m[c * k];
    if (s > 0 && s < bestCount) { best = c; bestCount = s; }
  }
  return classes[best];
}

/** Point metrics of one sample; `rows` restricts to a subsample. */
export function multiclassMetrics(actual: ArrayLike<Label>, predicted: ArrayLike<Label>, classes: Label[], constantClass?: Label, rows?: ArrayLike<number>): PointMetrics {
  const out: PointMetrics = {};
  weighted(counts(actual, predicted, classes, rows), classes.length, 'weighted_', '', out);
  const constant = constantClass ?? leastFrequentClass(actual, classes, rows);
  weighted(counts(actual, constant, classes, rows), classes.length, 'weighted_', '_best_constant_classifier', out);
  return out;
}

/** confusion_matrix[actual][predicted] over every pair of classes. */
export function multiclassConfusion(actual: ArrayLike<Label>, predicted: ArrayLike<Label>, classes: Label[]): ConfusionMatrix {
  const m = counts(actual, predicted, classes);
  const k = classes.length;
  const out: ConfusionMatrix = {};
  classes.forEach((a, i) => {
    out[String(a)] = {};
    classes.forEach((p, j) => { out[String(a)][String(p)] = m[i * k + j]; });
  });
  return out;
}

/** Throws naming the argument and row unless the columns are equally long and hold no missing label. */
export function checkMulticlass(actual: ArrayLike<Label>, predicted: ArrayLike<Label>): void {
  const n = checkLength('multiclass classification', 'actual', actual);
  checkLength('multiclass classification', 'predicted', predicted, n);
  for (const [name, col] of [['actual', actual], ['predicted', predicted]] as const) {
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) throw new RangeError(`multiclass classification: '${name}' has a missing label at row ${i}`);
    }
  }
}
