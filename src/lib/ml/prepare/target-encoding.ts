// Target encoding of a high-cardinality categorical column: each category becomes the m-estimate of the
// target over its training rows, (Σy + m·prior) / (n + m), which pulls rare categories toward the prior
// (the training rows' mean). Binary: y is 1 for the positive class; regression: y is the value;
// multiclass: one output per class, y is 1 for that class. Unseen and missing categories get the prior.
// The training rows themselves are encoded out of fold (k seeded folds: a row's value comes from the
// other folds' rows only), so a model cannot learn a row's own label back from its feature; validation,
// test and new rows use the fit on every training row, which is what the model file keeps.
import { SeededRandom } from '../random.ts';
import type { ColumnEncoding, Task } from './types.ts';

/** The m of the m-estimate: a category seen n times in training is (Σy + m·prior) / (n + m). */
export const TARGET_SMOOTHING = 10;

/** Folds of the out-of-fold values of the training rows (fewer when there are fewer training rows). */
export const TARGET_FOLDS = 5;

export type TargetEncoding = Extract<ColumnEncoding, { kind: 'target-encoding' }>;

/** What the target means to the encoder: the task, and the classes (multiclass: one output each). */
export interface TargetSpec {
  task: Task;
  /** Class labels in index order (classification). */
  classes?: readonly string[];
}

function outputsOf(spec: TargetSpec): number {
  return spec.task === 'multiclass' ? spec.classes!.length : 1;
}

/** Adds label `y` of one row to `sums` at `at` (binary: y is 0/1; regression: the value; multiclass: the class index). */
function add(sums: Float64Array, at: number, y: number, task: Task, sign: number): void {
  if (task === 'multiclass') sums[at + y] += sign;
  else sums[at] += sign * y;
}

/** Per-category label sums and counts over `rows`, and the totals. */
interface Stats {
  sums: Float64Array;
  counts: Float64Array;
  total: Float64Array;
  n: number;
}

function stats(codes: Int32Array, labels: Float32Array, rows: ArrayLike<number>, nCats: number, outputs: number, task: Task): Stats {
  const s: Stats = { sums: new Float64Array(nCats * outputs), counts: new Float64Array(nCats), total: new Float64Array(outputs), n: rows.length };
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    add(s.total, 0, labels[r], task, 1);
    const c = codes[r];
    if (c < 0) continue;
    s.counts[c]++;
    add(s.sums, c * outputs, labels[r], task, 1);
  }
  return s;
}

/** (Σy + m·prior) / (n + m) for every category and output; the prior is the totals' mean. */
function estimates(s: Stats, m: number, outputs: number): { values: Float64Array; prior: Float64Array } {
  const prior = Float64Array.from(s.total, (t) => (s.n > 0 ? t / s.n : 0));
  const values = new Float64Array(s.sums.length);
  for (let c = 0; c < s.counts.length; c++) {
    for (let o = 0; o < outputs; o++) values[c * outputs + o] = (s.sums[c * outputs + o] + m * prior[o]) / (s.counts[c] + m);
  }
  return { values, prior };
}

/**
 * Fits the target encoding of column `name` (its cells as text, null = missing) on the training `rows`
 * (table row indices; `labels` per table row: class index or value). Categories are those present in the
 * training rows, sorted by code point.
 */
export function fitTargetEncoding(name: string, text: readonly (string | null)[], labels: Float32Array, rows: Uint32Array, spec: TargetSpec, m = TARGET_SMOOTHING): TargetEncoding {
  const present = new Set<string>();
  for (const r of rows) { const t = text[r]; if (t !== null) present.add(t); }
  const categories = [...present].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const outputs = outputsOf(spec);
  const codes = codesOf(text, categories);
  const { values, prior } = estimates(stats(codes, labels, rows, categories.length, outputs, spec.task), m, outputs);
  return {
    name, kind: 'target-encoding', categories, values: Array.from(values), prior: Array.from(prior), smoothing: m,
    ...(spec.task === 'multiclass' ? { classes: [...spec.classes!] } : {}),
  };
}

function codesOf(text: readonly (string | null)[], categories: readonly string[]): Int32Array {
  const index = new Map(categories.map((c, k) => [c, k]));
  return Int32Array.from(text, (t) => (t === null ? -1 : index.get(t) ?? -1));
}

/** Outputs (features) of a target encoding: one per class for multiclass, else one. */
export function targetOutputs(enc: TargetEncoding): number {
  return enc.classes ? enc.classes.length : 1;
}

/** Feature names of a target encoding: `name`, or `name.class` per class. */
export function targetFeatureNames(enc: TargetEncoding): string[] {
  return enc.classes ? enc.classes.map((c) => `${enc.name}.${c}`) : [enc.name];
}

/** The encoded features of cells `text` (one array per output): the category's values, else the prior. */
export function encodeTarget(text: readonly (string | null)[], enc: TargetEncoding): Float32Array[] {
  const outputs = targetOutputs(enc);
  const codes = codesOf(text, enc.categories);
  const out = Array.from({ length: outputs }, () => new Float32Array(text.length));
  for (let i = 0; i < text.length; i++) {
    const c = codes[i];
    for (let o = 0; o < outputs; o++) out[o][i] = c < 0 ? enc.prior[o] : enc.values[c * outputs + o];
  }
  return out;
}

/**
 * The folds of the out-of-fold values: `rows` shuffled with `seed` (Fisher–Yates on mulberry32, as the split
 * shuffles) and dealt round-robin into min(TARGET_FOLDS, rows) folds, each then sorted.
 */
export function targetFolds(rows: Uint32Array, seed: number): Uint32Array[] {
  const k = Math.min(TARGET_FOLDS, rows.length);
  const order = rows.slice();
  const rng = new SeededRandom(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = order[i]; order[i] = order[j]; order[j] = t;
  }
  const folds = Array.from({ length: k }, () => [] as number[]);
  order.forEach((r, p) => folds[p % k].push(r));
  return folds.map((f) => Uint32Array.from(f).sort());
}

/**
 * Overwrites the training rows of `features` (from encodeTarget with the full fit) by their out-of-fold
 * values: a row in fold f (targetFolds) gets the m-estimate, with its own prior, of the other folds' rows.
 * With fewer than 2 training rows the full fit stays.
 */
export function outOfFoldTarget(features: Float32Array[], text: readonly (string | null)[], labels: Float32Array, rows: Uint32Array, enc: TargetEncoding, task: Task, seed: number): void {
  if (rows.length < 2) return;
  const folds = targetFolds(rows, seed);
  const outputs = targetOutputs(enc);
  const codes = codesOf(text, enc.categories);
  for (const fold of folds) {
    const inFold = new Set(fold);
    const rest = stats(codes, labels, rows.filter((r) => !inFold.has(r)), enc.categories.length, outputs, task);
    const prior = Float64Array.from(rest.total, (t) => t / rest.n);
    for (const r of fold) {
      const c = codes[r];
      for (let o = 0; o < outputs; o++) {
        features[o][r] = c < 0 ? prior[o] : (rest.sums[c * outputs + o] + enc.smoothing * prior[o]) / (rest.counts[c] + enc.smoothing);
      }
    }
  }
}
