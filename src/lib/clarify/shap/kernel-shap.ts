// Kernel SHAP for any model (SageMaker Clarify's shap config), after shap's KernelExplainer: for each
// explained row, only the features that differ from at least one baseline row are players (the others
// get 0); one varying feature takes the whole difference; otherwise coalitions are planned
// (coalitions.ts), each is evaluated as the baseline rows with the coalition's features set to the row's
// values, E[f | coalition] is the baseline-weighted mean of the outputs, and the constrained regression
// (constrained-wls.ts) gives values that sum to link(f(x)) − link(E[f]). With use_logit the link is the
// logit, applied after averaging, as shap's link='logit'. Not followed: shap's l1_reg='auto' feature
// selection (AIC lasso when under 20% of the coalitions are evaluated); every varying feature is solved.
// The synthetic rows of consecutive explained rows share model calls of at most `batchRows` rows.
import { SeededRandom } from '../../ml/random.ts';
import { autoSamples, planCoalitions } from './coalitions.ts';
import { solveConstrained } from './constrained-wls.ts';
import { checkWeights, modelOutputs, SyntheticStream, type RowPlan } from './synthetic-rows.ts';

/** A model over a batch of rows: `rows` is n × F row-major; returns n × outputs row-major. */
export type BatchModel = (rows: Float32Array, n: number) => Promise<Float32Array>;

/** Rows to explain, row-major. */
export interface ShapRows {
  values: Float32Array;
  nRows: number;
  nCols: number;
}

export interface KernelShapOptions {
  /** Background rows, b × F row-major (a k-means summary, a mode/mean row or sample rows); required. */
  baseline: Float32Array;
  /** Weight of each baseline row (k-means cluster sizes); defaults to equal weights. */
  baselineWeights?: Float32Array | Float64Array;
  /** Coalition budget per row (Clarify's num_samples); defaults to 'auto' = 2M + 2048 for M varying features. */
  numSamples?: number | 'auto';
  /** Seed of the coalition sampler; defaults to 0, so runs repeat. */
  seed?: number;
  /** Explain the logit of the outputs (probabilities in [0, 1], clipped to [1e-12, 1 − 1e-12]); defaults to false. */
  useLogit?: boolean;
  /** Column indices to explain; the others stay at the row's values in every coalition. Defaults to all. */
  featuresToExplain?: number[];
  /** Most rows in one model call; defaults to 32768. */
  batchRows?: number;
  /** Called after each model call with the explained rows finished and the total; defaults to none. */
  onProgress?(done: number, total: number): void;
  /** Polled after each model call; true stops early and returns the rows finished; defaults to never. */
  shouldStop?(): boolean;
}

export interface KernelShapResult {
  /** Explained rows finished (nRows unless shouldStop ended the run). */
  rows: number;
  /** Model outputs per row. */
  outputs: number;
  /** The explained columns, in the order of `values`. */
  features: Int32Array;
  /** rows × outputs × features.length: value of feature features[j] for output o of row i at ((i·outputs)+o)·E + j. */
  values: Float64Array;
  /** outputs: link of the baseline-weighted mean output (shap's expected_value). */
  expectedValue: Float64Array;
  /** rows × outputs: what each row's values sum from (the expected value, or, with unexplained features fixed at the row's values, link(E[f]) under that fixing). */
  baseValues: Float64Array;
  /** rows × outputs: link(f(x)); values of a row sum to predictions − baseValues. */
  predictions: Float64Array;
}

export const DEFAULT_BATCH_ROWS = 32768;

function logit(p: number): number {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
}

function checkedFeatures(list: number[] | undefined, f: number): Int32Array {
  if (!list) return Int32Array.from({ length: f }, (_, j) => j);
  if (list.length === 0) throw new RangeError('featuresToExplain must name at least one column');
  const seen = new Set<number>();
  for (const j of list) {
    if (!Number.isInteger(j) || j < 0 || j >= f) throw new RangeError(`featuresToExplain has ${j}; columns run from 0 to ${f - 1}`);
    if (seen.has(j)) throw new RangeError(`featuresToExplain lists column ${j} twice`);
    seen.add(j);
  }
  return Int32Array.from(list);
}

/** Explains each row of `x` by Kernel SHAP against `options.baseline`; see KernelShapResult for the layout. */
export async function kernelShap(model: BatchModel, x: ShapRows, options: KernelShapOptions): Promise<KernelShapResult> {
  const { nRows: n, nCols: f } = x;
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(f) || f < 1) throw new RangeError(`x must have nRows ≥ 0 and nCols ≥ 1; got ${n} × ${f}`);
  if (x.values.length !== n * f) throw new RangeError(`x.values has ${x.values.length} cells; nRows × nCols is ${n * f}`);
  const baseline = options.baseline;
  if (!baseline || baseline.length === 0 || baseline.length % f !== 0) {
    throw new RangeError(`baseline must hold whole rows of ${f} features; got ${baseline?.length ?? 0} values`);
  }
  const b = baseline.length / f;
  const bw = checkWeights(options.baselineWeights, b);
  const features = checkedFeatures(options.featuresToExplain, f);
  const e = features.length;
  const requested = options.numSamples ?? 'auto';
  if (requested !== 'auto' && (!Number.isInteger(requested) || requested < e)) {
    throw new RangeError(`num_samples (${requested}) must be an integer at least the number of features explained (${e})`);
  }
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  if (!Number.isInteger(batchRows) || batchRows < 1) throw new RangeError(`batchRows must be a positive integer; got ${batchRows}`);
  const link = options.useLogit ? logit : (v: number) => v;
  const linkOf = (v: number) => {
    if (options.useLogit && !(v >= 0 && v <= 1)) throw new RangeError(`use_logit needs model outputs in [0, 1] (probabilities); the model returned ${v}`);
    return link(v);
  };

  // E[f] over the baseline, and f(x).
  const baseOut = await modelOutputs(model, baseline, b, f, batchRows, 0);
  const d = baseOut.length / b;
  const fnull = new Float64Array(d);
  for (let k = 0; k < b; k++) for (let o = 0; o < d; o++) fnull[o] += bw[k] * baseOut[k * d + o];
  const expectedValue = fnull.map(linkOf);
  const fxOut = await modelOutputs(model, x.values, n, f, batchRows, d);

  const values = new Float64Array(n * d * e);
  const baseValues = new Float64Array(n * d);
  const predictions = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) predictions[i] = linkOf(fxOut[i]);
  const explained = new Uint8Array(f);
  for (const j of features) explained[j] = 1;
  const rng = new SeededRandom(options.seed ?? 0);

  const plan = (i: number): RowPlan => {
    const xi = x.values.subarray(i * f, (i + 1) * f);
    const varies = (j: number) => {
      for (let k = 0; k < b; k++) {
        const v = baseline[k * f + j];
        if (v !== xi[j] && !(Number.isNaN(v) && Number.isNaN(xi[j]))) return true;
      }
      return false;
    };
    const varying = Int32Array.from(features.filter(varies));
    const fixed = Int32Array.from({ length: f }, (_, j) => j).filter((j) => !explained[j] && varies(j));
    const m = varying.length;
    const coalitions = m >= 2 ? planCoalitions(m, requested === 'auto' ? autoSamples(m) : requested, rng) : null;
    return { row: i, x: xi, varying, fixed, coalitions, needsNull: fixed.length > 0 && m > 0 };
  };

  const finish = (p: RowPlan, ey: Float64Array) => {
    const i = p.row;
    const base = baseValues.subarray(i * d, (i + 1) * d);
    const evals = p.coalitions?.count ?? 0;
    for (let o = 0; o < d; o++) {
      base[o] = p.varying.length === 0 ? predictions[i * d + o] : p.needsNull ? linkOf(ey[evals * d + o]) : expectedValue[o];
    }
    const total = new Float64Array(d);
    for (let o = 0; o < d; o++) total[o] = predictions[i * d + o] - base[o];
    const m = p.varying.length;
    const phi = new Float64Array(d * m);
    if (m === 1) phi.set(total);
    else if (p.coalitions) {
      const adj = new Float64Array(evals * d);
      for (let s = 0; s < evals; s++) for (let o = 0; o < d; o++) adj[s * d + o] = linkOf(ey[s * d + o]) - base[o];
      solveConstrained(p.coalitions.masks, p.coalitions.weights, evals, m, adj, total, d, phi);
    }
    const column = new Int32Array(f).fill(-1);
    features.forEach((j, pos) => { column[j] = pos; });
    for (let o = 0; o < d; o++) {
      for (let t = 0; t < m; t++) values[(i * d + o) * e + column[p.varying[t]]] = phi[o * m + t];
    }
  };

  const stream = new SyntheticStream(model, baseline, bw, f, d, batchRows);
  const rows = await stream.run(n, plan, finish, options.onProgress, options.shouldStop);
  return {
    rows, outputs: d, features,
    values: values.subarray(0, rows * d * e),
    expectedValue,
    baseValues: baseValues.subarray(0, rows * d),
    predictions: predictions.subarray(0, rows * d),
  };
}
