import { describe, expect, it } from 'vitest';
import { alarmsOf, policyOf, predictionWords, requestBody, sliderStep, valuesOfCsv, variantSpecs, type VariantRow } from '../../../../src/components/deploy/deploy-form.ts';
import type { DeployInput } from '../../../../src/lib/deploy/types.ts';

const inputs: DeployInput[] = [{ name: 'age', type: 'number' }, { name: 'purpose', type: 'category', categories: ['car', 'home, garden'] }, { name: 'score', type: 'number' }];

describe('requestBody', () => {
  it('writes one CSV line in input order, quoting a comma and leaving missing values empty', () => {
    expect(requestBody(inputs, { age: 43, purpose: 'home, garden', score: null }, 'text/csv')).toBe('43,"home, garden",');
  });
  it('writes SageMaker\'s JSON instances and a JSON Lines record, NaN and absent values as null', () => {
    expect(requestBody(inputs, { age: NaN, purpose: 'car' }, 'application/json')).toBe('{"instances":[{"features":[null,"car",null]}]}');
    expect(requestBody(inputs, { age: 1, purpose: 'car', score: 0.5 }, 'application/jsonlines')).toBe('{"features":[1,"car",0.5]}');
  });
});

describe('valuesOfCsv', () => {
  it('reads numbers as numbers, categories as text and empty fields as missing', () => {
    expect(valuesOfCsv(inputs, ['43', 'car', ''])).toEqual({ age: 43, purpose: 'car', score: null });
    expect(valuesOfCsv(inputs, ['2024-01-01'])).toEqual({ age: '2024-01-01', purpose: null, score: null });
  });
});

describe('sliderStep', () => {
  it('is 1 for whole-number ranges and about a 200th of the range, rounded to 1, 2 or 5 × 10^k, otherwise', () => {
    expect(sliderStep(18, 80, true)).toBe(1);
    expect(sliderStep(10_000, 250_000, true)).toBe(2000);
    expect(sliderStep(0, 1, false)).toBe(0.005);
    expect(sliderStep(0, 0.3, false)).toBeCloseTo(0.002, 12);
    expect(sliderStep(5, 5, false)).toBe(1);
  });
});

describe('variantSpecs', () => {
  const row = (over: Partial<VariantRow>): VariantRow => ({ modelId: 'm1', serve: true, name: 'variant-1', weight: '1', ...over });
  it('gives the ticked rows with numeric weights; zero everywhere is allowed', () => {
    expect(variantSpecs([row({}), row({ modelId: 'm2', name: 'variant-2', weight: '3' }), row({ modelId: 'm3', serve: false, name: 'x y' })])).toEqual([
      { name: 'variant-1', modelId: 'm1', weight: 1 }, { name: 'variant-2', modelId: 'm2', weight: 3 },
    ]);
    expect(variantSpecs([row({ weight: '0' })])).toEqual([{ name: 'variant-1', modelId: 'm1', weight: 0 }]);
  });
  it('names the row to fix: none ticked, a bad or repeated name, a negative or empty weight', () => {
    expect(variantSpecs([row({ serve: false })])).toBe('Tick at least one model to serve as a production variant.');
    expect(variantSpecs([row({ name: 'my variant' })])).toContain('Variant name "my variant": use letters, digits and hyphens');
    expect(variantSpecs([row({}), row({ modelId: 'm2' })])).toBe('Two variants are called variant-1: give each its own name.');
    expect(variantSpecs([row({ weight: '-1' })])).toBe('The weight of variant-1 must be a number ≥ 0; got "-1".');
    expect(variantSpecs([row({ weight: ' ' })])).toBe('The weight of variant-1 must be a number ≥ 0; got " ".');
  });
  it('takes weights as a number input binds them: numbers, and null when emptied', () => {
    expect(variantSpecs([row({ weight: 3 })])).toEqual([{ name: 'variant-1', modelId: 'm1', weight: 3 }]);
    expect(variantSpecs([row({ weight: null })])).toBe('The weight of variant-1 must be a number ≥ 0; got "".');
  });
});

describe('policyOf', () => {
  const form = { type: 'canary' as const, canaryPercent: '20', bakeRequests: '1000', stepPercent: '25', stepRequests: '300' };
  it('reads all-at-once, canary and linear policies', () => {
    expect(policyOf({ ...form, type: 'all-at-once' })).toEqual({ type: 'all-at-once' });
    expect(policyOf(form)).toEqual({ type: 'canary', canaryPercent: 20, bakeRequests: 1000 });
    expect(policyOf({ ...form, type: 'linear' })).toEqual({ type: 'linear', stepPercent: 25, stepRequests: 300 });
    expect(policyOf({ ...form, canaryPercent: 10, bakeRequests: 500 })).toEqual({ type: 'canary', canaryPercent: 10, bakeRequests: 500 });
  });
  it('names a percentage out of (0, 100) and a request count that is not a whole number ≥ 1', () => {
    expect(policyOf({ ...form, canaryPercent: '100' })).toBe('The canary size must be a percentage above 0 and below 100; got "100".');
    expect(policyOf({ ...form, bakeRequests: '2.5' })).toBe('The baking period must be a whole number of requests ≥ 1; got "2.5".');
    expect(policyOf({ ...form, type: 'linear', stepRequests: '0' })).toBe('The requests per step must be a whole number of requests ≥ 1; got "0".');
  });
});

describe('alarmsOf', () => {
  it('keeps the alarms switched on, named by metric', () => {
    expect(alarmsOf([{ metric: 'accuracy', on: true, threshold: '0.6', window: '200' }, { metric: 'latency_p99', on: false, threshold: 'x', window: '' }], true)).toEqual([
      { name: 'accuracy', metric: 'accuracy', threshold: 0.6, window: 200 },
    ]);
  });
  it('reads numbers as a number input binds them', () => {
    expect(alarmsOf([{ metric: 'error_rate', on: true, threshold: 0.05, window: 200 }], false)).toEqual([{ name: 'error_rate', metric: 'error_rate', threshold: 0.05, window: 200 }]);
    expect(alarmsOf([{ metric: 'error_rate', on: true, threshold: null, window: 200 }], false)).toBe('Error rate (share of 4xx/5xx) alarm: the threshold must be a number; got "".');
  });
  it('names a bad threshold or window, and an accuracy alarm without a label column', () => {
    expect(alarmsOf([{ metric: 'error_rate', on: true, threshold: 'abc', window: '10' }], true)).toBe('Error rate (share of 4xx/5xx) alarm: the threshold must be a number; got "abc".');
    expect(alarmsOf([{ metric: 'error_rate', on: true, threshold: '0.1', window: '0' }], true)).toBe('Error rate (share of 4xx/5xx) alarm: the window must be a whole number of requests ≥ 1; got "0".');
    expect(alarmsOf([{ metric: 'accuracy', on: true, threshold: '0.6', window: '10' }], false)).toBe('Accuracy alarm: choose the label column, which it compares the predictions with.');
  });
});

describe('predictionWords', () => {
  it('says the label with its score, a score alone, a cluster, a projection', () => {
    expect(predictionWords({ predicted_label: 1, score: 0.8312 })).toEqual({ main: '1', detail: 'score 0.8312' });
    expect(predictionWords({ predicted_label: 'b', score: [0.1, 0.7, 0.2] })).toEqual({ main: 'b', detail: 'probability 0.7' });
    expect(predictionWords({ score: 0.25 })).toEqual({ main: '0.25', detail: 'score' });
    expect(predictionWords({ score: 0.25 }, { task: 'binary', target: 'approved', classes: ['0', '1'] })).toEqual({ main: '0.25', detail: 'score: probability that approved is 1' });
    expect(predictionWords({ closest_cluster: 2, distance_to_cluster: 1.5 })).toEqual({ main: 'cluster 2', detail: 'distance 1.5' });
    expect(predictionWords({ projection: [1, 2, 3, 4, 5] })).toEqual({ main: '1, 2, 3, 4, …', detail: 'projection' });
    expect(predictionWords(undefined)).toEqual({ main: '—', detail: '' });
  });
});
