// SHAP interaction values (Lundberg et al. 2018, §4) laid out as native XGBoost's
// `predict(pred_interactions=True)`: rows × groups × (features + 1) × (features + 1). Off the diagonal,
// Φ[i][j] is half the change in feature j's SHAP value between i always present and i always absent;
// the diagonal holds the rest of φ[i], so each row of the matrix sums to the SHAP value; the bias sits
// alone at [features][features]. Only a tree that splits on i can change anything when i is fixed, so
// the conditioned walks run per tree over its own split features, not over every feature, and one walk
// gives both halves (present and absent) of the difference.
import type { FeatureMatrix } from '../../ml/matrix.ts';
import { readRow } from '../../ml/matrix.ts';
import { outputGroups, type XGBoostModel } from '../../ml/xgboost/model.ts';
import { baseMargin } from '../../ml/xgboost/predict.ts';
import { checkShapInputs, prepareTrees, TreeShapWalker, type TreeShapOptions, type TreeShapResult } from './tree-shap.ts';

/** How many rows pass between progress reports and stop checks (a row costs one walk per tree and split feature). */
const CHECK_EVERY = 4;

/** SHAP interaction values of each row on the margin scale, as native pred_interactions. */
export function treeShapInteractions(model: XGBoostModel, x: FeatureMatrix, options: TreeShapOptions = {}): TreeShapResult {
  const n = checkShapInputs(model, x, options.rows);
  const trees = prepareTrees(model, options.iterationRange);
  const groups = outputGroups(model);
  const features = model.numFeature;
  const width = features + 1;
  const block = width * width;
  const values = new Float64Array(n * groups * block);
  const walker = new TreeShapWalker(trees.reduce((d, t) => Math.max(d, t.maxDepth), 0));
  const base = baseMargin(model);
  const row = new Float32Array(x.nCols);
  const phi = new Float64Array(groups * width);
  const half = new Float64Array(width);
  let done = 0;
  for (; done < n; done++) {
    if (done % CHECK_EVERY === 0 && done > 0) {
      options.onProgress?.(done, n);
      if (options.shouldStop?.()) break;
    }
    readRow(x, options.rows ? options.rows[done] : done, row);
    phi.fill(0);
    const at = done * groups * block;
    for (const t of trees) {
      const m = at + t.group * block;
      walker.explain(t, row, phi, t.group * width, features);
      const fs = t.splitFeatures;
      for (const i of fs) {
        for (const k of fs) half[k] = 0;
        walker.explain(t, row, half, 0, features, i);
        for (const k of fs) if (k !== i) values[m + i * width + k] += half[k];
      }
    }
    for (let g = 0; g < groups; g++) {
      const m = at + g * block;
      for (let i = 0; i < features; i++) {
        let rest = 0;
        for (let k = 0; k < features; k++) if (k !== i) rest += values[m + i * width + k];
        values[m + i * width + i] = phi[g * width + i] - rest;
      }
      values[m + features * width + features] = phi[g * width + features] + base;
    }
  }
  options.onProgress?.(done, n);
  return { values, groups, features, rows: n, completedRows: done };
}
