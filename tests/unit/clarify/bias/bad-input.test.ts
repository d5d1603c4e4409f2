import { describe, expect, it } from 'vitest';
import { postTrainingBias, preTrainingBias } from '../../../../src/lib/clarify/bias/report.ts';
import type { BiasColumns, BiasConfig } from '../../../../src/lib/clarify/bias/types.ts';

const columns: BiasColumns = {
  sex: ['F', 'M', 'F', 'M', 'M', 'F', 'M', 'M'],
  city: ['a', 'b', 'a', 'c', 'b', 'a', 'c', 'b'],
  one: ['x', 'x', 'x', 'x', 'x', 'x', 'x', 'x'],
  age: Float64Array.from([21.5, 33.1, 45.2, 52.9, 61.3, 28.4, 39.9, 47.7]),
  // text labels: 0/1 numbers in 8 rows would be 25% unique, so Clarify would call them continuous
  y: ['yes', 'no', 'yes', 'yes', 'no', 'no', 'yes', 'no'],
  yhat: ['yes', 'no', 'no', 'yes', 'yes', 'no', 'yes', 'no'],
  none: ['no', 'no', 'no', 'no', 'no', 'no', 'no', 'no'],
  score: Float64Array.from([0.9, 0.1, 0.4, 0.8, 0.6, 0.2, 0.7, 0.3]),
  grade: ['A', 'B', 'A', 'C', 'B', 'A', 'C', 'B'],
  x: Float64Array.from([0.1, 0.7, 0.3, 0.9, 0.5, 0.2, 0.8, 0.4]),
};
const base: BiasConfig = { label: 'y', labelValuesOrThreshold: ['yes'], facet: 'sex', facetValuesOrThreshold: ['F'], predictedLabel: 'yhat' };

describe('bias input errors name the column or parameter', () => {
  it('a missing facet, label, group or predicted label column', () => {
    expect(() => preTrainingBias(columns, { ...base, facet: 'gender' })).toThrow(/facet column 'gender' is not in the dataset/);
    expect(() => preTrainingBias(columns, { ...base, label: 'target' })).toThrow(/label column 'target' is not in the dataset/);
    expect(() => preTrainingBias(columns, { ...base, group: 'dept' })).toThrow(/group column 'dept' is not in the dataset/);
    expect(() => postTrainingBias(columns, { ...base, predictedLabel: 'p' })).toThrow(/predictedLabel column 'p' is not in the dataset/);
    expect(() => postTrainingBias(columns, { ...base, predictedLabel: undefined })).toThrow(/predictedLabel must name/);
  });

  it('a facet with a single value', () => {
    expect(() => preTrainingBias(columns, { ...base, facet: 'one', facetValuesOrThreshold: undefined }))
      .toThrow("facet column 'one' has the single value 'x': bias needs at least two facet groups");
  });

  it('a label with no positive rows', () => {
    expect(() => preTrainingBias(columns, { ...base, label: 'none' })).toThrow(/label column 'none' has no positive rows for labelValuesOrThreshold \["yes"\]/);
    expect(() => preTrainingBias(columns, { ...base, labelValuesOrThreshold: [] })).toThrow(/labelValuesOrThreshold must hold/);
  });

  it('a numeric threshold on a text column', () => {
    expect(() => preTrainingBias(columns, { ...base, label: 'grade', labelValuesOrThreshold: [2] }))
      .toThrow(/labelValuesOrThreshold \[2\] is a numeric threshold, but column 'grade' holds text/);
    expect(() => preTrainingBias(columns, { ...base, facet: 'city', facetValuesOrThreshold: [40] }))
      .toThrow(/facetValuesOrThreshold \[40\] is a numeric threshold, but column 'city' holds text/);
  });

  it('a continuous facet without a threshold, or with one that is not a number', () => {
    expect(() => preTrainingBias(columns, { ...base, facet: 'age', facetValuesOrThreshold: undefined }))
      .toThrow(/facetValuesOrThreshold: threshold values must be provided for continuous features/);
    expect(() => preTrainingBias(columns, { ...base, facet: 'age', facetValuesOrThreshold: ['old'] }))
      .toThrow(/facetValuesOrThreshold: value provided must be a single numeric threshold for continuous data, got 'old'/);
  });

  it('unknown metric names', () => {
    expect(() => preTrainingBias(columns, { ...base, metrics: ['CI', 'XYZ'] })).toThrow(/metrics: unknown metric 'XYZ'/);
    expect(() => postTrainingBias(columns, { ...base, metrics: ['CI'] })).toThrow(/metrics: unknown metric 'CI'/);
  });

  it('predictions with no positive row, or of another type than the label, fail as Clarify\'s report does', () => {
    expect(() => postTrainingBias(columns, { ...base, predictedLabel: 'none' }))
      .toThrow("predictedLabel column 'none': No Label values are present in the predicted Label Column,Positive Predicted Index Series contains all False values");
    expect(() => postTrainingBias(columns, { ...base, predictedLabel: 'score' }))
      .toThrow(/predictedLabel column 'score' is continuous but label column 'y' is categorical/);
  });

  it('FT reports Clarify\'s errors for text features and no features instead of throwing', () => {
    const ftText = postTrainingBias(columns, { ...base, metrics: ['FT'] }, { city: columns.city }).facets.sex[0].metrics[0];
    expect(ftText).toEqual({ name: 'FT', description: 'Flip Test (FT)', value: null, error: 'FlipTest does not support non-numeric columns' });
    const ftNone = postTrainingBias(columns, { ...base, metrics: ['FT'] }).facets.sex[0].metrics[0];
    expect(ftNone.value).toBeNull();
    expect(ftNone.error).toMatch(/FlipTest needs numeric feature columns/);
    const ftOk = postTrainingBias(columns, { ...base, metrics: ['FT'] }, { x: columns.x }).facets.sex[0].metrics[0];
    expect(typeof ftOk.value).toBe('number');
  });

  it('CDDL without a group variable reports Clarify\'s error text, with value null', () => {
    const m = preTrainingBias(columns, { ...base, metrics: ['CDDL'] }).facets.sex[0].metrics[0];
    expect(m).toEqual({ name: 'CDDL', description: 'Conditional Demographic Disparity in Labels (CDDL)', value: null, error: 'Group variable is empty or not provided' });
  });
});
