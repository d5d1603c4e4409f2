import { describe, expect, it } from 'vitest';
import { predictionsCsv } from '../../../src/lib/engine/predictions-csv.ts';

describe('predictionsCsv', () => {
  it('predictionsCsv(binary) writes labels by name and the positive-class probability', () => {
    const csv = predictionsCsv({ columns: [], featureNames: [], target: 'y', task: 'binary', classes: ['no', 'yes, sure'] }, [
      { split: 'validation', labels: Float32Array.of(0, 1), predictions: Float32Array.of(0.25, 0.75) },
    ]);
    expect(csv).toBe('split,actual,predicted,"probability_yes, sure"\nvalidation,no,no,0.25\nvalidation,"yes, sure","yes, sure",0.75\n');
  });

  it('predictionsCsv(multiclass) picks the most probable class and lists every probability', () => {
    const csv = predictionsCsv({ columns: [], featureNames: [], target: 'y', task: 'multiclass', classes: ['a', 'b', 'c'] }, [
      { split: 'test', labels: Float32Array.of(2), predictions: Float32Array.of(0.1, 0.2, 0.7) },
    ]);
    expect(csv.split('\n').slice(0, 2)).toEqual(['split,actual,predicted,probability_a,probability_b,probability_c', 'test,c,c,0.1,0.2,0.7']);
  });

  it('predictionsCsv(regression) writes actual and predicted values', () => {
    const csv = predictionsCsv({ columns: [], featureNames: [], target: 'y', task: 'regression' }, [
      { split: 'validation', labels: Float32Array.of(1.5), predictions: Float32Array.of(2) },
    ]);
    expect(csv).toBe('split,actual,predicted\nvalidation,1.5,2\n');
  });
});
