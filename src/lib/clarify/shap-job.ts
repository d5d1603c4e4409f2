// One SHAP analysis, as Clarify's shap config describes it, for the studio's worker and `mlpad clarify shap`
// alike: exact TreeSHAP where the algorithm has it (method 'tree', or 'auto'), Kernel SHAP for every model
// ('kernel'), in the columns of the data (explain-space.ts), with global values by agg_method.
import type { Table } from 'apache-arrow';
import { aggregateShap, SHAP_AGGREGATIONS, type ShapAggregation } from './shap/aggregate.ts';
import { kmeansBaseline } from './shap/baseline.ts';
import { kernelShap, type BatchModel } from './shap/kernel-shap.ts';
import { foldToColumns } from './explain-space.ts';
import { batchModel, modelInputs, type LoadedModel } from './loaded-model.ts';
import type { ShapLabelResult } from './analysis.ts';

export type ShapMethod = 'auto' | 'tree' | 'kernel';

export interface ShapJobConfig {
  /** 'tree' (exact, tree ensembles only), 'kernel' (any model) or 'auto' (tree where possible); defaults to 'auto'. */
  method?: ShapMethod;
  /** Kernel SHAP coalitions per row (Clarify's num_samples); defaults to 'auto' (2M + 2048). */
  numSamples?: number | 'auto';
  /** How local values become global ones; defaults to 'mean_abs'. */
  aggMethod?: ShapAggregation;
  /** Explain the logit of probabilities (Kernel SHAP); defaults to false. */
  useLogit?: boolean;
  /** Seed of the sampler and the k-means baseline; defaults to 0. */
  seed?: number;
  /** Clusters of the k-means baseline when no baseline rows are given (Clarify's num_clusters); defaults to 10. */
  numClusters?: number;
  /** Baseline rows (a table with the model's columns); defaults to a k-means summary of the data. */
  baseline?: Table;
  /** Column names to explain (Kernel SHAP); defaults to all. */
  featuresToExplain?: string[];
  /** Explain only the first this many rows; defaults to every row. */
  maxRows?: number;
}

export interface ShapJobResult {
  method: 'tree_shap' | 'kernel_shap';
  /** Explained column names, as in the data. */
  features: string[];
  /** One name per explained output. */
  labels: string[];
  /** Rows explained (fewer than asked when cancelled). */
  rows: number;
  /** rows × labels × features, row-major. */
  values: Float64Array;
  /** Per label, the expected value (the bias for TreeSHAP: margin scale). */
  expectedValue: Float64Array;
  /** labels × features: global values by `aggMethod`. */
  global: Float64Array;
  aggMethod: ShapAggregation;
  /** rows × features: the explained rows' values in the explanation space (category codes), for colouring. */
  data: Float32Array;
  /** Whether values are on the margin (log-odds) scale: TreeSHAP, or Kernel SHAP with use_logit. */
  marginScale: boolean;
}

export interface ShapCallbacks {
  onProgress?(done: number, total: number, stage: string): void;
  shouldStop?(): boolean;
  /** Evaluates the model on batches of rows for Kernel SHAP (a worker pool); defaults to batchModel(m) in this thread. */
  model?: BatchModel;
}

/** Column means (codes: the most common code) standing in for missing cells when summarising the data. */
function filled(rows: Float32Array, n: number, c: number, categorical: readonly boolean[]): Float32Array {
  const out = Float32Array.from(rows);
  for (let j = 0; j < c; j++) {
    let fill = 0;
    if (categorical[j]) {
      const counts = new Map<number, number>();
      for (let i = 0; i < n; i++) { const v = rows[i * c + j]; if (v === v) counts.set(v, (counts.get(v) ?? 0) + 1); }
      let best = -1;
      for (const [v, k] of counts) if (k > best) { best = k; fill = v; }
    } else {
      let s = 0, k = 0;
      for (let i = 0; i < n; i++) { const v = rows[i * c + j]; if (v === v) { s += v; k++; } }
      fill = k ? s / k : 0;
    }
    for (let i = 0; i < n; i++) if (out[i * c + j] !== out[i * c + j]) out[i * c + j] = fill;
  }
  return out;
}

function checkConfig(cfg: ShapJobConfig, m: LoadedModel): void {
  if (cfg.aggMethod !== undefined && !SHAP_AGGREGATIONS.includes(cfg.aggMethod)) throw new RangeError(`agg_method must be one of ${SHAP_AGGREGATIONS.join(', ')}; got ${JSON.stringify(cfg.aggMethod)}`);
  if (cfg.numClusters !== undefined && !(Number.isInteger(cfg.numClusters) && cfg.numClusters >= 1)) throw new RangeError(`num_clusters must be a positive integer; got ${cfg.numClusters}`);
  if (cfg.maxRows !== undefined && !(Number.isInteger(cfg.maxRows) && cfg.maxRows >= 1)) throw new RangeError(`max rows must be a positive integer; got ${cfg.maxRows}`);
  if (cfg.method === 'tree' && !m.estimator.contributions) throw new RangeError(`method tree needs a tree ensemble; ${m.estimator.name} models are explained with method kernel`);
  if (cfg.useLogit && !m.probabilities) throw new RangeError(`use_logit needs a model that outputs probabilities; this ${m.estimator.name} model outputs ${m.labels[0]}`);
  const c = m.space.names.length;
  if (cfg.numSamples !== undefined && cfg.numSamples !== 'auto') {
    const explained = cfg.featuresToExplain?.length ?? c;
    if (!(Number.isInteger(cfg.numSamples) && cfg.numSamples >= explained)) {
      throw new RangeError(`num_samples (${cfg.numSamples}) must be a whole number at least the number of features explained (${explained})`);
    }
  }
  for (const name of cfg.featuresToExplain ?? []) {
    if (!m.space.names.includes(name)) throw new RangeError(`features_to_explain names ${JSON.stringify(name)}, which the model does not read; its columns are ${m.space.names.map((n) => JSON.stringify(n)).join(', ')}`);
  }
}

/** Runs the analysis on the rows of `table`. */
export async function runShapJob(table: Table, m: LoadedModel, cfg: ShapJobConfig = {}, cb: ShapCallbacks = {}): Promise<ShapJobResult> {
  checkConfig(cfg, m);
  const aggMethod = cfg.aggMethod ?? 'mean_abs';
  const limit = Math.min(table.numRows, cfg.maxRows ?? table.numRows);
  const source = limit < table.numRows ? table.slice(0, limit) : table;
  const { x, rows } = modelInputs(m, source, 'the data');
  const c = m.space.names.length;
  const n = x.nRows;
  const useTree = (cfg.method ?? 'auto') !== 'kernel' && !!m.estimator.contributions && !cfg.featuresToExplain && !cfg.useLogit;
  if (useTree) {
    const contrib = m.estimator.contributions!(m.model, x, { onProgress: (d, t) => cb.onProgress?.(d, t, 'TreeSHAP'), shouldStop: cb.shouldStop });
    const g = contrib.groups;
    const f1 = contrib.features + 1;
    const done = contrib.completedRows;
    const values = new Float64Array(done * g * c);
    const fold = new Float64Array(c);
    for (let i = 0; i < done; i++) {
      for (let o = 0; o < g; o++) {
        foldToColumns(m.space, contrib.values, (i * g + o) * f1, fold);
        values.set(fold, (i * g + o) * c);
      }
    }
    const expected = Float64Array.from({ length: g }, (_, o) => (n > 0 ? contrib.values[o * f1 + f1 - 1] : 0));
    const labels = g === m.labels.length ? m.labels : Array.from({ length: g }, (_, o) => `label${o}`);
    return { method: 'tree_shap', features: [...m.space.names], labels, rows: done, values, expectedValue: expected, global: done ? aggregateShap(values, done, g, c, aggMethod) : new Float64Array(g * c), aggMethod, data: rows.slice(0, done * c), marginScale: true };
  }
  const categorical = m.space.categories.map((k) => k !== null);
  let baseline: Float32Array;
  let baselineWeights: Float64Array | undefined;
  if (cfg.baseline) {
    baseline = modelInputs(m, cfg.baseline, 'the baseline').rows;
  } else {
    cb.onProgress?.(0, n, 'summarising the data (k-means baseline)');
    // The k-means summary reads every row; when every row is explained, their features are already encoded.
    const all = source === table ? rows : modelInputs(m, table, 'the data').rows;
    const k = Math.min(cfg.numClusters ?? 10, table.numRows);
    const summary = kmeansBaseline({ values: filled(all, table.numRows, c, categorical), nRows: table.numRows, nCols: c }, k, { seed: cfg.seed ?? 0 });
    baseline = summary.baseline;
    baselineWeights = summary.baselineWeights;
  }
  const featuresToExplain = cfg.featuresToExplain?.map((name) => m.space.names.indexOf(name));
  const result = await kernelShap(cb.model ?? batchModel(m), { values: rows, nRows: n, nCols: c }, {
    baseline, baselineWeights, numSamples: cfg.numSamples ?? 'auto', seed: cfg.seed ?? 0, useLogit: cfg.useLogit ?? false, featuresToExplain,
    onProgress: (d, t) => cb.onProgress?.(d, t, 'Kernel SHAP'), shouldStop: cb.shouldStop,
  });
  const e = result.features.length;
  const outputs = result.outputs;
  const labels = outputs === m.labels.length ? m.labels : Array.from({ length: outputs }, (_, o) => `label${o}`);
  const data = new Float32Array(result.rows * e);
  for (let i = 0; i < result.rows; i++) for (let j = 0; j < e; j++) data[i * e + j] = rows[i * c + result.features[j]];
  return {
    method: 'kernel_shap', features: Array.from(result.features, (j) => m.space.names[j]), labels, rows: result.rows, values: result.values,
    expectedValue: result.expectedValue, global: result.rows ? aggregateShap(result.values, result.rows, outputs, e, aggMethod) : new Float64Array(outputs * e),
    aggMethod, data, marginScale: cfg.useLogit ?? false,
  };
}

/** The explanations section of analysis.json for `r`: per label, global values by feature and the expected value. */
export function shapSection(r: ShapJobResult): Record<string, ShapLabelResult> {
  const out: Record<string, ShapLabelResult> = {};
  const e = r.features.length;
  r.labels.forEach((label, o) => {
    const global: Record<string, number> = {};
    r.features.forEach((f, j) => { global[f] = r.global[o * e + j]; });
    out[label] = { global_shap_values: global, expected_value: r.expectedValue[o] };
  });
  return out;
}
