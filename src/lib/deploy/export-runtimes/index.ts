// The exported-module runtime of every registry algorithm, by registry name.
import { factorizationMachinesRuntime } from './factorization-machines.ts';
import { kmeansRuntime } from './kmeans.ts';
import { knnRuntime } from './knn.ts';
import { linearLearnerRuntime } from './linear-learner.ts';
import { mlpRuntime } from './mlp.ts';
import { pcaRuntime } from './pca.ts';
import { randomCutForestRuntime } from './randomcutforest.ts';
import type { ExportRuntime } from './types.ts';
import { xgboostRuntime } from './xgboost.ts';

export { COMMON_RUNTIME } from './common.ts';
export type { ExportRuntime } from './types.ts';

// Runtimes take different model types; exportModule pairs each with its own estimator's deserialize.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const EXPORT_RUNTIMES: Readonly<Record<string, ExportRuntime<any>>> = {
  'xgboost': xgboostRuntime,
  'linear-learner': linearLearnerRuntime,
  'knn': knnRuntime,
  'kmeans': kmeansRuntime,
  'pca': pcaRuntime,
  'randomcutforest': randomCutForestRuntime,
  'factorization-machines': factorizationMachinesRuntime,
  'mlp': mlpRuntime,
};
