import { describe, expect, it } from 'vitest';
import { checkModelQuality, modelQualityStatistics, suggestModelQualityConstraints } from '../../../src/lib/monitor/model-quality.ts';
import type { ModelQualityConstraints } from '../../../src/lib/monitor/quality-types.ts';

const baseline = modelQualityStatistics({ problemType: 'BinaryClassification', actual: [0, 0, 1, 1, 1, 0], predicted: [0, 0, 1, 1, 0, 0] });

describe('suggestModelQualityConstraints', () => {
  it('sets each threshold to the baseline value: LessThanThreshold for scores, GreaterThanThreshold for error rates, none for the constant classifier', () => {
    const c = suggestModelQualityConstraints(baseline);
    expect(c.version).toBe(0);
    const b = c.binary_classification_constraints!;
    expect(b.f1).toEqual({ threshold: 0.8, comparison_operator: 'LessThanThreshold' });
    expect(b.false_negative_rate).toEqual({ threshold: 1 / 3, comparison_operator: 'GreaterThanThreshold' });
    expect(b.f1_best_constant_classifier).toBeUndefined();
    expect(b.confusion_matrix).toBeUndefined();
    const r = suggestModelQualityConstraints(modelQualityStatistics({ problemType: 'Regression', actual: [1, 2, 3], predicted: [1, 2, 4] })).regression_constraints!;
    expect(Object.keys(r)).toEqual(['mae', 'mse', 'rmse', 'r2']);
    expect(r.rmse.comparison_operator).toBe('GreaterThanThreshold');
    expect(r.r2.comparison_operator).toBe('LessThanThreshold');
  });
});

describe('checkModelQuality', () => {
  it('reports no violation for the baseline itself and one per broken constraint for a worse window', () => {
    const constraints = suggestModelQualityConstraints(baseline);
    expect(checkModelQuality(constraints, baseline).violations).toEqual([]);
    const window = modelQualityStatistics({ problemType: 'BinaryClassification', actual: [0, 0, 1, 1, 1, 0], predicted: [1, 0, 1, 0, 0, 0] });
    const v = checkModelQuality(constraints, window).violations;
    const f1 = v.find((x) => x.metric_name === 'f1')!;
    expect(f1.constraint_check_type).toBe('LessThanThreshold');
    expect(f1.description).toBe("Metric f1 with 0.4 was LessThanThreshold '0.8'");
    // every constrained metric is worse in this window (recall 1/3, precision 1/2, fpr 1/3, fnr 2/3, …)
    expect(v).toHaveLength(Object.keys(constraints.binary_classification_constraints!).length);
    expect(v.find((x) => x.metric_name === 'false_positive_rate')!.constraint_check_type).toBe('GreaterThanThreshold');
  });

  it('honours the OrEqualTo operators', () => {
    const c: ModelQualityConstraints = { version: 0, binary_classification_constraints: { accuracy: { threshold: 5 / 6, comparison_operator: 'LessThanOrEqualToThreshold' } } };
    expect(checkModelQuality(c, baseline).violations.map((x) => x.metric_name)).toEqual(['accuracy']);
  });

  it('turns a metric the window lacks into a violation and rejects mismatched or malformed constraints naming the field', () => {
    const c: ModelQualityConstraints = { version: 0, binary_classification_constraints: { au_prc: { threshold: 0.5, comparison_operator: 'LessThanThreshold' } } };
    expect(checkModelQuality(c, baseline).violations[0].description).toMatch(/Metric au_prc could not be computed/);
    expect(() => checkModelQuality({ version: 0, regression_constraints: {} }, baseline)).toThrow('the constraints have no binary_classification_constraints for these BinaryClassification statistics; they hold regression_constraints');
    const bad = { version: 0, binary_classification_constraints: { f1: { threshold: 0.5, comparison_operator: 'Below' } } } as unknown as ModelQualityConstraints;
    expect(() => checkModelQuality(bad, baseline)).toThrow(/binary_classification_constraints.f1.comparison_operator must be one of/);
    const noThreshold = { version: 0, binary_classification_constraints: { f1: { threshold: 'x', comparison_operator: 'LessThanThreshold' } } } as unknown as ModelQualityConstraints;
    expect(() => checkModelQuality(noThreshold, baseline)).toThrow(/binary_classification_constraints.f1.threshold must be a number/);
  });
});
