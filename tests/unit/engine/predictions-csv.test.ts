import { describe, expect, it } from 'vitest';
import { predictionsCsv, splitPredictionsCsv } from '../../../src/lib/engine/predictions-csv.ts';
import type { FeatureEncoding } from '../../../src/lib/ml/prepare/types.ts';

const enc = (over: Partial<FeatureEncoding>): FeatureEncoding => ({ columns: [], featureNames: [], ...over });

describe('predictionsCsv (mlpad predict)', () => {
  it('binary: predicted_label by name, then the probability of each class (quoted when needed)', () => {
    const csv = predictionsCsv({ kind: 'classification', predictedLabel: Int32Array.of(0, 1), probabilities: Float32Array.of(0.25, 0.75), classes: 2 }, 2,
      enc({ target: 'y', task: 'binary', classes: ['no', 'yes, sure'] }));
    expect(csv).toBe('predicted_label,probability_no,"probability_yes, sure"\nno,0.75,0.25\n"yes, sure",0.25,0.75\n');
  });

  it('multiclass: the model\'s label and every class probability; without an encoding classes are 0…K−1', () => {
    const inference = { kind: 'classification' as const, predictedLabel: Int32Array.of(2), probabilities: Float32Array.of(0.1, 0.2, 0.7), classes: 3 };
    expect(predictionsCsv(inference, 1, enc({ task: 'multiclass', classes: ['a', 'b', 'c'] }))).toBe('predicted_label,probability_a,probability_b,probability_c\nc,0.1,0.2,0.7\n');
    expect(predictionsCsv(inference, 1)).toBe('predicted_label,probability_0,probability_1,probability_2\n2,0.1,0.2,0.7\n');
  });

  it('regression and anomaly write score; k-means closest_cluster and distance_to_cluster; PCA projection_1…N', () => {
    expect(predictionsCsv({ kind: 'regression', score: Float32Array.of(2, 1.5) }, 2)).toBe('score\n2\n1.5\n');
    expect(predictionsCsv({ kind: 'anomaly', score: Float32Array.of(0.5) }, 1)).toBe('score\n0.5\n');
    expect(predictionsCsv({ kind: 'clustering', closestCluster: Int32Array.of(3), distanceToCluster: Float32Array.of(0.25) }, 1)).toBe('closest_cluster,distance_to_cluster\n3,0.25\n');
    expect(predictionsCsv({ kind: 'decomposition', projection: Float32Array.of(1, -2, 3, 4), components: 2 }, 2)).toBe('projection_1,projection_2\n1,-2\n3,4\n');
  });
});

describe('splitPredictionsCsv (the studio\'s download)', () => {
  it('puts the data row, split and actual value in front of exactly the predict columns', () => {
    const csv = splitPredictionsCsv(enc({ target: 'y', task: 'regression' }), [
      { split: 'validation', rows: Uint32Array.of(4), labels: Float32Array.of(1.5), inference: { kind: 'regression', score: Float32Array.of(2) } },
      { split: 'test', rows: Uint32Array.of(0), labels: Float32Array.of(3), inference: { kind: 'regression', score: Float32Array.of(2.5) } },
    ]);
    expect(csv).toBe('row,split,actual,score\n5,validation,1.5,2\n1,test,3,2.5\n');
  });

  it('writes the id columns after the row number', () => {
    const csv = splitPredictionsCsv(enc({ target: 'y', task: 'regression' }), [
      { split: 'test', rows: Uint32Array.of(2), labels: Float32Array.of(3), inference: { kind: 'regression', score: Float32Array.of(2.5) }, keys: [{ name: 'id', values: ['A-7'] }] },
    ]);
    expect(csv).toBe('row,id,split,actual,score\n3,A-7,test,3,2.5\n');
  });

  it('has no actual column without a target', () => {
    const csv = splitPredictionsCsv(enc({}), [{ split: 'train', rows: Uint32Array.of(0, 1), inference: { kind: 'clustering', closestCluster: Int32Array.of(0, 1), distanceToCluster: Float32Array.of(1, 2) } }]);
    expect(csv).toBe('row,split,closest_cluster,distance_to_cluster\n1,train,0,1\n2,train,1,2\n');
  });
});
