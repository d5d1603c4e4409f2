import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/lib/ml/random.ts';
import { modelQualityStatistics, type ModelQualityStatistics } from '../../../src/lib/monitor/model-quality.ts';
import type { MetricValue } from '../../../src/lib/monitor/quality-types.ts';

const PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('../../../scripts/monitor/quality_reference.py', import.meta.url).pathname;
const hasSklearn = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import sklearn.metrics, numpy'], { encoding: 'utf8' }).status === 0;
const skipReason = hasSklearn ? '' : ` (skipped: ${PYTHON} cannot import sklearn; apt-get install python3-sklearn)`;

function sklearn(requests: object[]): Record<string, unknown>[] {
  const run = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(requests), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`quality_reference.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, unknown>[];
}

const section = (s: ModelQualityStatistics) => (s.regression_metrics ?? s.binary_classification_metrics ?? s.multiclass_classification_metrics) as Record<string, unknown>;

/** Every metric sklearn computed equals ours to 1e-9 (confusion matrices exactly). */
function expectAgreement(stats: ModelQualityStatistics, want: Record<string, unknown>, label: string): void {
  const got = section(stats);
  expect(Object.keys(got).sort(), label).toEqual(Object.keys(want).sort());
  for (const [name, w] of Object.entries(want)) {
    if (name === 'confusion_matrix') { expect(got[name], `${label} ${name}`).toEqual(w); continue; }
    const v = (got[name] as MetricValue).value;
    if (w === 'NaN') { expect(v, `${label} ${name}`).toBe('NaN'); continue; }
    expect(Math.abs((v as number) - (w as number)), `${label} ${name}: ${v} vs ${w}`).toBeLessThan(1e-9);
  }
}

function seededBinary(seed: number, n: number) {
  const rnd = mulberry32(seed);
  const actual: number[] = [], predicted: number[] = [], probability: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = rnd() < 0.3 ? 1 : 0;
    const p = Math.min(1, Math.max(0, Math.round((0.35 * y + 0.65 * rnd()) * 20) / 20)); // rounded: ties
    actual.push(y); probability.push(p); predicted.push(p >= 0.5 ? 1 : 0);
  }
  return { actual, predicted, probability };
}

describe('modelQualityStatistics against scikit-learn', () => {
  it.skipIf(!hasSklearn)(`binary, multiclass and regression metrics equal sklearn.metrics to 1e-9 on seeded data${skipReason}`, () => {
    const rnd = mulberry32(42);
    const b1 = seededBinary(1, 500), b2 = seededBinary(2, 37);
    const classes = ['cat', 'dog', 'eel', 'fox'];
    const mcActual = Array.from({ length: 400 }, () => classes[Math.floor(rnd() ** 1.5 * 4)]);
    const mcPred = mcActual.map((c) => (rnd() < 0.6 ? c : classes[Math.floor(rnd() * 4)]));
    const mcNum = Array.from({ length: 150 }, () => Math.floor(rnd() * 3));
    const mcNumPred = mcNum.map((c) => (rnd() < 0.5 ? c : 2));
    const rActual = Array.from({ length: 300 }, () => rnd() * 10);
    const rPred = rActual.map((y) => y + (rnd() - 0.4) * 3);
    const inputs = [
      { problemType: 'BinaryClassification' as const, actual: b1.actual, predicted: b1.predicted, probability: b1.probability },
      { problemType: 'BinaryClassification' as const, actual: b2.actual, predicted: b2.predicted },
      { problemType: 'MulticlassClassification' as const, actual: mcActual, predicted: mcPred },
      { problemType: 'MulticlassClassification' as const, actual: mcNum, predicted: mcNumPred },
      { problemType: 'Regression' as const, actual: rActual, predicted: rPred },
    ];
    const want = sklearn(inputs.map((x) => ({ problem: x.problemType, actual: x.actual, predicted: x.predicted, probability: 'probability' in x ? x.probability : undefined })));
    inputs.forEach((x, i) => expectAgreement(modelQualityStatistics(x), want[i], `${x.problemType} #${i}`));
  });
});

describe('modelQualityStatistics against the developer guide examples', () => {
  // The guide's multiclass example: confusion {0: {0: 1180, 1: 510}, 1: {0: 268, 1: 138}}; its regression
  // example is the same 2 096 rows read as numbers (mae = mse = 778/2096, r2 = -1.3766…).
  const actual: number[] = [], predicted: number[] = [];
  for (const [a, p, k] of [[0, 0, 1180], [0, 1, 510], [1, 0, 268], [1, 1, 138]]) for (let i = 0; i < k; i++) { actual.push(a); predicted.push(p); }

  it('reproduces every multiclass value of the guide, best constant classifier included, to 1e-12', () => {
    const s = modelQualityStatistics({ problemType: 'MulticlassClassification', actual, predicted }).multiclass_classification_metrics!;
    expect(s.confusion_matrix).toEqual({ 0: { 0: 1180, 1: 510 }, 1: { 0: 268, 1: 138 } });
    const guide: Record<string, number> = {
      accuracy: 0.6288167938931297, weighted_recall: 0.6288167938931297, weighted_precision: 0.6983172269629505,
      weighted_f0_5: 0.6803947317178771, weighted_f1: 0.6571162346664904, weighted_f2: 0.6384024354394601,
      accuracy_best_constant_classifier: 0.19370229007633588, weighted_recall_best_constant_classifier: 0.19370229007633588,
      weighted_precision_best_constant_classifier: 0.03752057718081697, weighted_f0_5_best_constant_classifier: 0.04473443104152011,
      weighted_f1_best_constant_classifier: 0.06286421244683643, weighted_f2_best_constant_classifier: 0.10570313141262414,
    };
    for (const [name, v] of Object.entries(guide)) expect(Math.abs(((s[name] as MetricValue).value as number) - v), name).toBeLessThan(1e-12);
    // 2 096 rows >= 200: standard deviations are numbers of the guide's order (its own draws are not reproducible)
    const sd = (s.accuracy as MetricValue).standard_deviation as number;
    expect(sd).toBeGreaterThan(0.0005);
    expect(sd).toBeLessThan(0.02);
  });

  it('reproduces the guide regression values on the same rows to 1e-12', () => {
    const s = modelQualityStatistics({ problemType: 'Regression', actual, predicted }).regression_metrics!;
    const guide = { mae: 0.3711832061068702, mse: 0.3711832061068702, rmse: 0.609248066149471, r2: -1.3766111872212665 };
    for (const [name, v] of Object.entries(guide)) expect(Math.abs(((s[name] as MetricValue).value as number) - v), name).toBeLessThan(1e-12);
  });

  it('reproduces the guide binary example (4 rows: standard deviations "NaN" below 200 rows)', () => {
    const s = modelQualityStatistics({ problemType: 'BinaryClassification', actual: [0, 0, 0, 1], predicted: [0, 1, 1, 1] }).binary_classification_metrics!;
    expect(s.confusion_matrix).toEqual({ 0: { 0: 1, 1: 2 }, 1: { 0: 0, 1: 1 } });
    const guide: Record<string, number> = {
      recall: 1, precision: 1 / 3, accuracy: 0.5, recall_best_constant_classifier: 1, precision_best_constant_classifier: 0.25,
      accuracy_best_constant_classifier: 0.25, true_positive_rate: 1, true_negative_rate: 1 / 3, false_positive_rate: 2 / 3,
      false_negative_rate: 0, f0_5: 0.3846153846153846, f1: 0.5, f2: 0.7142857142857143,
      f0_5_best_constant_classifier: 0.29411764705882354, f1_best_constant_classifier: 0.4, f2_best_constant_classifier: 0.625,
    };
    for (const [name, v] of Object.entries(guide)) {
      expect(Math.abs(((s[name] as MetricValue).value as number) - v), name).toBeLessThan(1e-12);
      expect((s[name] as MetricValue).standard_deviation).toBe('NaN');
    }
    expect(Object.keys(s).slice(0, 4)).toEqual(['confusion_matrix', 'recall', 'precision', 'accuracy']);
  });
});

describe('modelQualityStatistics layout and bad input', () => {
  it('writes version, dataset.item_count and a seeded, repeatable standard deviation', () => {
    const b = seededBinary(5, 300);
    const one = modelQualityStatistics({ problemType: 'BinaryClassification', ...b }, { seed: 3 });
    expect(one.version).toBe(0);
    expect(one.dataset).toEqual({ item_count: 300 });
    expect(modelQualityStatistics({ problemType: 'BinaryClassification', ...b }, { seed: 3 })).toEqual(one);
    expect((one.binary_classification_metrics!.f1 as MetricValue).standard_deviation).toBeGreaterThan(0);
  });

  it('throws naming the argument: empty sample, lengths that differ, a binary label not 0/1, a missing value', () => {
    expect(() => modelQualityStatistics({ problemType: 'Regression', actual: [], predicted: [] })).toThrow("regression: 'actual' is empty");
    expect(() => modelQualityStatistics({ problemType: 'Regression', actual: [1, 2], predicted: [1] })).toThrow("regression: 'predicted' has 1 values but 'actual' has 2");
    expect(() => modelQualityStatistics({ problemType: 'BinaryClassification', actual: [0, 2], predicted: [0, 1] })).toThrow("binary classification: 'actual' must hold labels 0 or 1; row 1 holds 2");
    expect(() => modelQualityStatistics({ problemType: 'BinaryClassification', actual: [0, 1], predicted: [0, 1], probability: [0.2, 1.5] })).toThrow(/'probability' must hold numbers in \[0, 1\]; row 1 holds 1.5/);
    expect(() => modelQualityStatistics({ problemType: 'Regression', actual: [1, NaN], predicted: [1, 2] })).toThrow("regression: 'actual' must hold finite numbers; row 1 holds NaN");
    expect(() => modelQualityStatistics({ problemType: 'Ranking' as never, actual: [1], predicted: [1] })).toThrow(/'problemType' must be Regression/);
    expect(() => modelQualityStatistics({ problemType: 'MulticlassClassification', actual: ['a'], predicted: ['a'] }, { constantClass: 'z' })).toThrow(/'constantClass' "z" is not one of the classes/);
  });

  it('writes auc "NaN" when the ground truth holds one class only', () => {
    const s = modelQualityStatistics({ problemType: 'BinaryClassification', actual: [1, 1], predicted: [1, 0] }).binary_classification_metrics!;
    expect((s.auc as MetricValue).value).toBe('NaN');
  });
});
