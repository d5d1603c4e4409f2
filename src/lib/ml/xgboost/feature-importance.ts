// Feature importance of a tree ensemble as XGBoost's Booster.get_score reports it: weight = the number
// of splits on the feature, gain and cover = their average loss change and hessian sum per split,
// total_gain and total_cover = the sums. Features never split on are left out, as get_score does.
import type { Tree } from './tree.ts';

export interface FeatureImportance {
  feature: string;
  weight: number;
  gain: number;
  cover: number;
  total_gain: number;
  total_cover: number;
}

/** What importance needs of a model (an XGBoostModel has it, natively trained or not). */
export interface TreeEnsemble {
  trees: readonly Tree[];
  featureNames: readonly string[];
}

/** Importance per feature used in a split, sorted by total gain, largest first. Names default to f0, f1, … */
export function featureImportance(model: TreeEnsemble, featureNames: readonly string[] = model.featureNames): FeatureImportance[] {
  const acc = new Map<number, { weight: number; gain: number; cover: number }>();
  for (const t of model.trees) {
    for (let k = 0; k < t.nNodes; k++) {
      if (t.left[k] === -1) continue;
      const f = t.feature[k];
      const a = acc.get(f) ?? { weight: 0, gain: 0, cover: 0 };
      a.weight++;
      a.gain += t.lossChange[k];
      a.cover += t.sumHessian[k];
      acc.set(f, a);
    }
  }
  return [...acc.entries()]
    .map(([f, a]) => ({
      feature: featureNames[f] ?? `f${f}`, weight: a.weight, gain: a.gain / a.weight, cover: a.cover / a.weight,
      total_gain: a.gain, total_cover: a.cover,
    }))
    .sort((x, y) => y.total_gain - x.total_gain || (x.feature < y.feature ? -1 : 1));
}
