// knn against scikit-learn's KNeighborsClassifier / KNeighborsRegressor (algorithm='brute', L2) and an exact
// numpy search (L2, INNER_PRODUCT, COSINE) on held-out splits of scikit-learn's bundled datasets.
import { afterAll, expect, it } from 'vitest';
import type { DataFacts, FitData } from '../../../../src/lib/ml/estimator.ts';
import { knnEstimator } from '../../../../src/lib/ml/knn/knn-estimator.ts';
import { neighboursOf } from '../../../../src/lib/ml/knn/knn-predict.ts';
import { hasSklearn, python, rows, sklearnSkipReason } from '../sklearn.ts';
import { describeEachTfBackend } from '../tf-backends.ts';

interface Reference {
  task: 'classification' | 'regression';
  X_train: number[][]; y_train: number[]; X_test: number[][]; y_test: number[];
  classes: number;
  results: Record<string, { pred: number[]; proba?: number[][]; sklearn_neighbours: number[][]; exact: Record<string, number[][]> }>;
}

const DATASETS = ['wine', 'breast_cancer', 'iris', 'diabetes'] as const;
const KS = [1, 5, 10];
const METRICS = ['L2', 'INNER_PRODUCT', 'COSINE'] as const;

let refs: Record<string, Reference> | undefined;
function reference(dataset: string): Reference {
  refs ??= python<Record<string, Reference>>('sklearn_knn.py', { datasets: DATASETS, ks: KS, test_size: 0.3, seed: 0 });
  return refs[dataset];
}

function split(ref: Reference): { train: FitData; test: FitData; facts: DataFacts } {
  const nCols = ref.X_train[0].length;
  const train = { features: rows(ref.X_train), nRows: ref.X_train.length, nCols, labels: Float32Array.from(ref.y_train) };
  const test = { features: rows(ref.X_test), nRows: ref.X_test.length, nCols, labels: Float32Array.from(ref.y_test) };
  const task = ref.task === 'regression' ? 'regression' : ref.classes === 2 ? 'binary' : 'multiclass';
  const classes = ref.task === 'regression' ? undefined : Array.from({ length: ref.classes }, (_, c) => `class ${c}`);
  return { train, test, facts: { task, classes, nRows: train.nRows, nCols, featureNames: [] } };
}

const figures: string[] = [];
afterAll(() => {
  if (figures.length > 0) console.log(`knn vs scikit-learn (held-out 30%):\n${figures.join('\n')}`);
});

describeEachTfBackend('knn against scikit-learn', (backend) => {
  for (const dataset of DATASETS) {
    it.skipIf(!hasSklearn)(`predicts as KNeighbors*(algorithm='brute') on ${dataset} for k = 1, 5, 10${sklearnSkipReason}`, async () => {
      const ref = reference(dataset);
      const { train, test, facts } = split(ref);
      for (const k of KS) {
        const sk = ref.results[String(k)];
        const { model } = await knnEstimator.fit(train, knnEstimator.resolve({ k }), { facts });
        const out = await knnEstimator.infer(model, test);
        if (ref.task === 'regression') {
          expect(out.kind).toBe('regression');
          const score = (out as { score: Float32Array }).score;
          let worst = 0, se = 0, skSe = 0;
          sk.pred.forEach((p, i) => {
            worst = Math.max(worst, Math.abs(score[i] - p) / Math.abs(p));
            se += (score[i] - ref.y_test[i]) ** 2;
            skSe += (p - ref.y_test[i]) ** 2;
          });
          // Means of float32 targets, rounded once to float32: relative error ≤ 2^-24.
          expect(worst).toBeLessThan(1e-7);
          figures.push(`${backend} ${dataset} k=${k}: rmse mlpad ${Math.sqrt(se / score.length).toFixed(4)} sklearn ${Math.sqrt(skSe / score.length).toFixed(4)}`);
        } else {
          if (out.kind !== 'classification') throw new Error(`expected a classification, got ${out.kind}`);
          expect(Array.from(out.predictedLabel)).toEqual(sk.pred);
          const proba = sk.proba as number[][];
          const want = ref.classes === 2 ? proba.map((p) => p[1]) : proba.flat();
          const worst = want.reduce((m, p, i) => Math.max(m, Math.abs(out.probabilities[i] - p)), 0);
          expect(worst).toBeLessThan(1e-7);
          const right = (pred: ArrayLike<number>) => ref.y_test.filter((y, i) => pred[i] === y).length / ref.y_test.length;
          figures.push(`${backend} ${dataset} k=${k}: accuracy mlpad ${right(out.predictedLabel).toFixed(4)} sklearn ${right(sk.pred).toFixed(4)}`);
        }
        // The neighbours themselves: the same set as scikit-learn's brute search (its order within ties
        // follows its float64 GEMM rounding), and exactly the numpy float64 search's order.
        const { indices, exhaustive } = await neighboursOf(model, test);
        figures.push(`${backend} ${dataset} k=${k}: ${exhaustive} of ${test.nRows} queries scanned exhaustively`);
        sk.sklearn_neighbours.forEach((nb, i) => {
          expect(Array.from(indices.subarray(i * k, (i + 1) * k)).sort((a, b) => a - b)).toEqual([...nb].sort((a, b) => a - b));
        });
      }
    });

    it.skipIf(!hasSklearn)(`finds numpy's exact L2, INNER_PRODUCT and COSINE neighbours on ${dataset}${sklearnSkipReason}`, async () => {
      const ref = reference(dataset);
      const { train, test, facts } = split(ref);
      for (const metric of METRICS) {
        for (const k of KS) {
          const { model } = await knnEstimator.fit(train, knnEstimator.resolve({ k, index_metric: metric }), { facts });
          const { indices } = await neighboursOf(model, test);
          const want = ref.results[String(k)].exact[metric];
          const got = want.map((_, i) => Array.from(indices.subarray(i * k, (i + 1) * k)));
          expect(got, `${metric} k=${k}`).toEqual(want);
        }
      }
    });
  }
});
