// Seeded training sets and the tree-by-tree comparison for the GPU-vs-CPU training tests (Node runner and
// Chromium spec). Tolerances: split features, split thresholds (cut values), default directions and the
// tree shapes must be equal; leaf values within 1e-5 relative (+1e-7 absolute, for leaves near zero);
// predictions within 1e-5 absolute. The GPU histograms differ from the CPU's f64 sums by at most
// n · 2^-30 · max|g| per slot, about 1e-9 relative here, so float32 leaf values differ by an ulp at most.
import type { TrainingData } from '../../../../src/lib/ml/matrix.ts';
import type { RawHyperparameters } from '../../../../src/lib/ml/hyperparameters.ts';
import { mulberry32 } from '../../../../src/lib/ml/random.ts';
import type { XGBoostModel } from '../../../../src/lib/ml/xgboost/model.ts';

export const LEAF_REL_TOL = 1e-5;
export const LEAF_ABS_TOL = 1e-7;
export const PRED_TOL = 1e-5;
/**
 * GpuHistogramOptions.maxGroupSlots for the tests: two 257-slot features per workgroup. SwiftShader's compile
 * time grows with the kernel's workgroup memory (≈ 11 s for the default 2048 slots on 2 cores, ≈ 4 s here).
 */
export const TEST_GROUP_SLOTS = 520;

/** One training case: columnar data and raw hyperparameters. */
export interface TrainCase { name: string; data: TrainingData; params: RawHyperparameters }

/** nRows × nCols continuous features (a share `missing` NaN), labels from a noisy nonlinear score. */
export function makeData(nRows: number, nCols: number, seed: number, missing: number, task: 'binary' | 'multi' | 'regression'): TrainingData {
  const rand = mulberry32(seed);
  const features = Array.from({ length: nCols }, () => new Float32Array(nRows));
  const labels = new Float32Array(nRows);
  for (let i = 0; i < nRows; i++) {
    let score = 0;
    for (let j = 0; j < nCols; j++) {
      const x = rand() * 4 - 2;
      features[j][i] = rand() < missing ? NaN : x;
      score += (j % 3 === 0 ? x * x - 1 : j % 3 === 1 ? Math.sin(2 * x) : 0.5 * x) / (1 + j * 0.3);
    }
    score += (rand() - 0.5) * 1.5;
    labels[i] = task === 'binary' ? (score > 0 ? 1 : 0) : task === 'multi' ? (score < -0.7 ? 0 : score < 0.7 ? 1 : 2) : score;
  }
  return { features, nRows, nCols, labels };
}

/**
 * The cases both GPU tests train: binary, multiclass, and column sampling over missing values. Small,
 * because SwiftShader (the CPU-emulated adapter on machines without a GPU) takes 10–40 ms per histogram.
 */
export function trainCases(): TrainCase[] {
  const common = { num_round: 5, max_depth: 6, eta: 0.3, seed: 3 };
  return [
    { name: 'binary:logistic, 2000 × 8, 5 rounds depth 6', data: makeData(2000, 8, 11, 0, 'binary'), params: { ...common, objective: 'binary:logistic' } },
    { name: 'multi:softprob (3 classes), 1500 × 8, 3 rounds depth 5', data: makeData(1500, 8, 12, 0, 'multi'), params: { ...common, num_round: 3, max_depth: 5, objective: 'multi:softprob', num_class: 3 } },
    { name: 'reg:squarederror, colsample_bytree 0.6, 15% missing, 2000 × 8, 5 rounds depth 6', data: makeData(2000, 8, 13, 0.15, 'regression'), params: { ...common, objective: 'reg:squarederror', colsample_bytree: 0.6 } },
  ];
}

/** How two models' trees compare. */
export interface ModelComparison {
  trees: number;
  /** First structural difference ('' when none): tree, node, and what differs. */
  structure: string;
  /** Largest leaf difference / (|cpu leaf| · LEAF_REL_TOL + LEAF_ABS_TOL); ≤ 1 passes. */
  leafRatio: number;
  maxLeafRelErr: number;
}

export function compareModels(cpu: XGBoostModel, gpu: XGBoostModel): ModelComparison {
  let structure = '';
  let leafRatio = 0, maxLeafRelErr = 0;
  if (cpu.trees.length !== gpu.trees.length) structure = `${cpu.trees.length} CPU trees vs ${gpu.trees.length} GPU trees`;
  for (let t = 0; t < Math.min(cpu.trees.length, gpu.trees.length) && !structure; t++) {
    const a = cpu.trees[t], b = gpu.trees[t];
    if (a.nNodes !== b.nNodes) { structure = `tree ${t}: ${a.nNodes} vs ${b.nNodes} nodes`; break; }
    for (let n = 0; n < a.nNodes; n++) {
      const leaf = a.left[n] === -1;
      if (a.left[n] !== b.left[n] || a.right[n] !== b.right[n]) { structure = `tree ${t} node ${n}: children differ`; break; }
      if (leaf) {
        const d = Math.abs(a.threshold[n] - b.threshold[n]);
        leafRatio = Math.max(leafRatio, d / (Math.abs(a.threshold[n]) * LEAF_REL_TOL + LEAF_ABS_TOL));
        if (a.threshold[n] !== 0) maxLeafRelErr = Math.max(maxLeafRelErr, d / Math.abs(a.threshold[n]));
        continue;
      }
      if (a.feature[n] !== b.feature[n]) { structure = `tree ${t} node ${n}: feature ${a.feature[n]} vs ${b.feature[n]}`; break; }
      if (a.threshold[n] !== b.threshold[n]) { structure = `tree ${t} node ${n}: threshold ${a.threshold[n]} vs ${b.threshold[n]}`; break; }
      if (a.defaultLeft[n] !== b.defaultLeft[n]) { structure = `tree ${t} node ${n}: default direction differs`; break; }
    }
  }
  return { trees: cpu.trees.length, structure, leafRatio, maxLeafRelErr };
}

/** Largest |a − b| over two prediction arrays. */
export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < Math.min(a.length, b.length); i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
