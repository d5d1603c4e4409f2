// A trained (or loaded) gradient-boosted tree ensemble: everything XGBoost's JSON model holds that
// prediction needs, plus the training record.
import type { ObjectiveName } from './objective.ts';
import type { Tree } from './tree.ts';

export interface XGBoostModel {
  objective: ObjectiveName;
  /** Class count for multi:*; 0 otherwise (as XGBoost's learner_model_param stores it). */
  numClass: number;
  numFeature: number;
  /** base_score as saved (probability scale for logistic objectives). */
  baseScore: number;
  trees: Tree[];
  /** Output group (class) of each tree. */
  treeInfo: Int32Array;
  featureNames: string[];
  featureTypes: string[];
  /** scale_pos_weight (saved in the objective's parameters). */
  scalePosWeight: number;
  /** count:poisson's max_delta_step (saved in the objective's parameters). */
  poissonMaxDeltaStep: number;
  /** Round with the best validation score when early stopping was used. */
  bestIteration?: number;
  bestScore?: number;
  /** Free-form learner attributes (XGBoost's Booster.attributes()). */
  attributes: Record<string, string>;
}

/** Outputs (margins) per row: the class count for multi:*, else 1. */
export function outputGroups(model: XGBoostModel): number {
  return model.numClass > 0 ? model.numClass : 1;
}

/** Completed boosting rounds (one tree per group per round). */
export function roundCount(model: XGBoostModel): number {
  return Math.floor(model.trees.length / outputGroups(model));
}
