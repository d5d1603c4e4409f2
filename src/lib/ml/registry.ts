// Every built-in algorithm by name. Forms, CLI flags, tuning ranges and URL state read schemas from here.
import type { Estimator } from './estimator.ts';
import { factorizationMachinesEstimator } from './factorization-machines/factorization-machines-estimator.ts';
import { kmeansEstimator } from './kmeans/kmeans-estimator.ts';
import { knnEstimator } from './knn/knn-estimator.ts';
import { linearLearnerEstimator } from './linear-learner/linear-learner-estimator.ts';
import { mlpEstimator } from './mlp/mlp-estimator.ts';
import { pcaEstimator } from './pca/pca-estimator.ts';
import { randomCutForestEstimator } from './randomcutforest/randomcutforest-estimator.ts';
import { xgboostEstimator } from './xgboost/xgboost-estimator.ts';

// The registry holds estimators of different parameter and model types; callers go through
// resolve() → fit() → predict() of one entry, so the types line up per algorithm.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEstimator = Estimator<any, any>;

// In SageMaker's order of its built-in algorithms (the studio's algorithm menu follows it), mlp last.
const ALGORITHMS: ReadonlyMap<string, AnyEstimator> = new Map<string, AnyEstimator>([
  [xgboostEstimator.name, xgboostEstimator],
  [linearLearnerEstimator.name, linearLearnerEstimator],
  [knnEstimator.name, knnEstimator],
  [kmeansEstimator.name, kmeansEstimator],
  [pcaEstimator.name, pcaEstimator],
  [randomCutForestEstimator.name, randomCutForestEstimator],
  [factorizationMachinesEstimator.name, factorizationMachinesEstimator],
  [mlpEstimator.name, mlpEstimator],
]);

/** Names of the registered algorithms, e.g. ['xgboost']. */
export function algorithmNames(): string[] {
  return [...ALGORITHMS.keys()];
}

/** The estimator registered as `name`; throws naming the known ones otherwise. */
export function getAlgorithm(name: string): AnyEstimator {
  const e = ALGORITHMS.get(name);
  if (!e) throw new RangeError(`unknown algorithm ${JSON.stringify(name)}; choose one of ${algorithmNames().join(', ')}`);
  return e;
}
