import { describe, expect, it } from 'vitest';
import { evaluate, prCurve, rocCurve, summaryMetrics, type ClassificationEvaluation, type RegressionEvaluation } from '../../../../src/lib/ml/results/index.ts';
import { allocTree, compactTree, expandNode } from '../../../../src/lib/ml/xgboost/tree.ts';
import { featureImportance } from '../../../../src/lib/ml/xgboost/feature-importance.ts';

const f32 = (a: number[]) => Float32Array.from(a);

describe('evaluate (binary)', () => {
  const labels = f32([0, 0, 1, 1, 0, 1]);
  const probs = f32([0.1, 0.6, 0.7, 0.9, 0.2, 0.4]);
  const e = evaluate('binary', labels, probs, ['no', 'yes']) as ClassificationEvaluation;

  it('gives AUC, accuracy at 0.5, log loss and the confusion matrix [actual][predicted]', () => {
    // 9 positive–negative pairs, 8 ranked correctly (0.4 < 0.6 is the miss).
    expect(e.auc).toBeCloseTo(8 / 9, 6);
    expect(e.accuracy).toBeCloseTo(4 / 6, 6);
    const ll = -(Math.log(0.9) + Math.log(0.4) + Math.log(0.7) + Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 6;
    expect(e.logloss).toBeCloseTo(ll, 5);
    expect(e.confusionMatrix).toEqual([[2, 1], [1, 2]]);
    expect(summaryMetrics(e)).toEqual({ auc: e.auc, accuracy: e.accuracy, logloss: e.logloss, rows: 6 });
  });

  it('ROC runs from (0,0) to (1,1) and PR ends at recall 1', () => {
    expect(e.roc![0]).toMatchObject({ x: 0, y: 0 });
    expect(e.roc!.at(-1)).toMatchObject({ x: 1, y: 1 });
    expect(e.pr!.at(-1)).toMatchObject({ x: 1, y: 0.5 });
  });

  it('downsamples curves to at most 200 points, keeping both ends', () => {
    const n = 5000;
    const s = Float32Array.from({ length: n }, (_, i) => i / n);
    const y = Float32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const roc = rocCurve(s, y);
    expect(roc).toHaveLength(200);
    expect(roc[0]).toMatchObject({ x: 0, y: 0 });
    expect(roc[199]).toMatchObject({ x: 1, y: 1 });
    expect(prCurve(s, y).length).toBeLessThanOrEqual(200);
  });

  it('names the argument on mismatched shapes', () => {
    expect(() => evaluate('binary', labels, f32([0.5]), ['a', 'b'])).toThrow('predictions has 1 values but 6 rows × 1 probability were expected');
    expect(() => evaluate('multiclass', f32([0, 3]), f32([1, 0, 0, 0, 1, 0]), ['a', 'b', 'c'])).toThrow('labels[1] is 3; class indices must be integers in [0, 2]');
  });
});

describe('evaluate (multiclass and regression)', () => {
  it('multiclass: macro one-vs-rest AUC, arg-max accuracy, mlogloss, K×K confusion', () => {
    const labels = f32([0, 1, 2, 2]);
    const probs = f32([0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.1, 0.2, 0.7, 0.5, 0.3, 0.2]);
    const e = evaluate('multiclass', labels, probs, ['a', 'b', 'c']) as ClassificationEvaluation;
    expect(e.accuracy).toBeCloseTo(0.75, 6);
    expect(e.confusionMatrix).toEqual([[1, 0, 0], [0, 1, 0], [1, 0, 1]]);
    // Class a: 0.8 vs {0.2,0.1,0.5} → 1; b: 0.7 vs {0.1,0.2,0.3} → 1; c: {0.7,0.2} vs {0.1,0.1} → 1.
    expect(e.auc).toBeCloseTo(1, 6);
    expect(e.logloss).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7) + Math.log(0.7) + Math.log(0.2)) / 4, 5);
    expect(e.roc).toBeUndefined();
  });

  it('regression: rmse, mae, r2 and a residual sample of at most 1000 rows', () => {
    const e = evaluate('regression', f32([1, 2, 3, 4]), f32([1, 2, 3, 5])) as RegressionEvaluation;
    expect(e.rmse).toBeCloseTo(0.5, 6);
    expect(e.mae).toBeCloseTo(0.25, 6);
    expect(e.r2).toBeCloseTo(1 - 1 / 5, 6);
    expect(e.residuals[3]).toEqual({ actual: 4, predicted: 5 });
    const big = evaluate('regression', new Float32Array(5000).map((_, i) => i), new Float32Array(5000)) as RegressionEvaluation;
    expect(big.residuals).toHaveLength(1000);
  });
});

describe('featureImportance', () => {
  it('matches XGBoost get_score: weight = splits, gain/cover = mean per split, totals', () => {
    const t = allocTree(8);
    expandNode(t, 0, 1, 0.5, true, 0, 0, 0, 10, 100, 60, 40);
    expandNode(t, 1, 1, 0.2, true, 0, 0, 0, 4, 60, 30, 30);
    expandNode(t, 2, 0, 0.7, false, 0, 0, 0, 2, 40, 20, 20);
    const imp = featureImportance({ trees: [compactTree(t)], featureNames: ['a', 'b'] });
    expect(imp).toEqual([
      { feature: 'b', weight: 2, gain: 7, cover: 80, total_gain: 14, total_cover: 160 },
      { feature: 'a', weight: 1, gain: 2, cover: 40, total_gain: 2, total_cover: 40 },
    ]);
    expect(featureImportance({ trees: [compactTree(t)], featureNames: [] })[0].feature).toBe('f1');
  });
});
