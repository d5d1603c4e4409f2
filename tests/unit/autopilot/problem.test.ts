import { describe, expect, it } from 'vitest';
import { DEFAULT_OBJECTIVE, MIN_ROWS, OBJECTIVES, inferProblem, objectivesFor, type InferProblemOptions } from '../../../src/lib/autopilot/index.ts';
import { csvTable, fileTable, toCsv } from './fixtures.ts';

describe('objectives', () => {
  it('lists SageMaker AutoMLJobObjective metric names per problem type, plus LogLoss as an mlpad extension', () => {
    expect(objectivesFor('BinaryClassification')).toEqual(['Accuracy', 'AUC', 'BalancedAccuracy', 'F1', 'LogLoss', 'Precision', 'Recall']);
    expect(objectivesFor('MulticlassClassification')).toEqual(['Accuracy', 'BalancedAccuracy', 'F1macro', 'LogLoss', 'PrecisionMacro', 'RecallMacro']);
    expect(objectivesFor('Regression')).toEqual(['MAE', 'MSE', 'R2', 'RMSE']);
    expect(DEFAULT_OBJECTIVE).toEqual({ BinaryClassification: 'F1', MulticlassClassification: 'Accuracy', Regression: 'MSE' });
    expect(OBJECTIVES.filter((o) => !o.sageMakerObjective).map((o) => o.name)).toEqual(['LogLoss']);
  });
});

describe('inferProblem on the samples', () => {
  it('loan-approval.csv approved (0/1) is BinaryClassification with F1 and positive class "1"', async () => {
    const p = inferProblem(await fileTable('public/samples/loan-approval.csv'), 'approved');
    expect(p).toMatchObject({ problemType: 'BinaryClassification', objective: 'F1', objectiveIsDefault: true, classes: ['0', '1'], positiveLabel: '1', rows: 2000 });
    expect(p.reason).toBe('Target "approved" has 2 classes ("0", "1"), so the problem is BinaryClassification (inferred); "1" is the positive class.');
  });

  it('penguins.json Species is MulticlassClassification with Accuracy', async () => {
    const p = inferProblem(await fileTable('public/samples/penguins.json'), 'Species');
    expect(p).toMatchObject({ problemType: 'MulticlassClassification', objective: 'Accuracy', classes: ['Adelie', 'Chinstrap', 'Gentoo'], rows: 344 });
    expect(p.positiveLabel).toBeUndefined();
  });

  it('seattle-weather.csv weather is MulticlassClassification with 5 classes', async () => {
    const p = inferProblem(await fileTable('public/samples/seattle-weather.csv'), 'weather');
    expect(p.problemType).toBe('MulticlassClassification');
    expect(p.classes).toEqual(['drizzle', 'fog', 'rain', 'snow', 'sun']);
  });

  it('vega-datasets cars.json Miles_per_Gallon is Regression with MSE, counting only rows with a target', async () => {
    const p = inferProblem(await fileTable('node_modules/vega-datasets/data/cars.json'), 'Miles_per_Gallon');
    expect(p).toMatchObject({ problemType: 'Regression', objective: 'MSE', rows: 398, allowedObjectives: ['MAE', 'MSE', 'R2', 'RMSE'] });
    expect(p.classes).toBeUndefined();
  });

  it('takes a fitting objective case-insensitively and a positive label', async () => {
    const t = await fileTable('public/samples/loan-approval.csv');
    expect(inferProblem(t, 'approved', { objective: 'auc' })).toMatchObject({ objective: 'AUC', objectiveIsDefault: false });
    expect(inferProblem(t, 'approved', { positiveLabel: '0' })).toMatchObject({ classes: ['1', '0'], positiveLabel: '0' });
  });

  it('refuses an objective that does not fit, naming those that do', async () => {
    const t = await fileTable('public/samples/loan-approval.csv');
    expect(() => inferProblem(t, 'approved', { objective: 'RMSE' })).toThrow('objective RMSE does not apply to BinaryClassification (it is for Regression); choose one of Accuracy, AUC, BalancedAccuracy, F1, LogLoss, Precision, Recall');
    expect(() => inferProblem(t, 'approved', { objective: 'F1macro' })).toThrow('objective F1macro does not apply to BinaryClassification (it is for MulticlassClassification)');
    expect(() => inferProblem(t, 'approved', { objective: 'Kappa' })).toThrow('objective "Kappa" is not a metric Autopilot knows; for BinaryClassification choose one of Accuracy, AUC');
  });

  it('integer codes 0…k−1 are classes unless Regression is asked for', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [i % 4, i % 7]);
    const t = await csvTable(toCsv(['code', 'x'], rows));
    const p = inferProblem(t, 'code');
    expect(p.problemType).toBe('MulticlassClassification');
    expect(p.reason).toContain('ask for Regression to predict them as numbers');
    expect(inferProblem(t, 'code', { problemType: 'Regression' })).toMatchObject({ problemType: 'Regression', objective: 'MSE' });
  });
});

describe('inferProblem refuses bad targets with a message', () => {
  const refusal = async (text: string, target: string, options: InferProblemOptions = {}) => {
    const t = await csvTable(text);
    return () => inferProblem(t, target, options);
  };
  const many = (cell: (i: number) => string | number, n = 150) => toCsv(['x', 'y'], Array.from({ length: n }, (_, i) => [i % 10, cell(i)]));

  it('a target column that does not exist', async () => {
    const t = await csvTable(many((i) => i % 2));
    expect(() => inferProblem(t, 'label')).toThrow('target "label" is not a column of the data; columns are "x", "y"');
  });

  it('a target with one class', async () => {
    expect(await refusal(many(() => 'yes'), 'y')).toThrow('target "y" has only one class ("yes"); classification needs at least two');
  });

  it('a numeric target with one value', async () => {
    expect(await refusal(many(() => 2.5), 'y', { problemType: 'Regression' })).toThrow('target "y" has the same value (2.5) in every row; there is nothing to predict');
  });

  it('an all-missing target', async () => {
    expect(await refusal(many(() => ''), 'y')).toThrow('target "y" is missing in every row');
  });

  it('an ID-like target: every value a distinct text', async () => {
    expect(await refusal(many((i) => `row-${i}`), 'y')).toThrow('target "y" looks like an identifier (150 distinct values in 150 rows, read as an id column)');
  });

  it('an ID-like target: an id-typed integer column', async () => {
    const t = await csvTable(toCsv(['customer_id', 'x'], Array.from({ length: 150 }, (_, i) => [1000 + i, i % 3])));
    expect(() => inferProblem(t, 'customer_id')).toThrow('target "customer_id" looks like an identifier');
  });

  it(`too few rows: fewer than MIN_ROWS (${MIN_ROWS}) with a target`, async () => {
    expect(await refusal(many((i) => i % 2, MIN_ROWS - 1), 'y')).toThrow(`the data has ${MIN_ROWS - 1} rows with a value in target "y"; Autopilot needs at least ${MIN_ROWS} to cross-validate its candidates (SageMaker Autopilot asks for 500), so add rows`);
    expect(inferProblem(await csvTable(many((i) => i % 2, MIN_ROWS)), 'y').rows).toBe(MIN_ROWS);
  });

  it('a problem type that does not fit the target', async () => {
    const t = await csvTable(many((i) => ['a', 'b', 'c'][i % 3]));
    expect(() => inferProblem(t, 'y', { problemType: 'BinaryClassification' })).toThrow('target "y" has 3 classes ("a", "b", "c"); BinaryClassification needs exactly two, so use MulticlassClassification');
    expect(() => inferProblem(t, 'y', { problemType: 'Regression' })).toThrow('target "y" must hold numbers for Regression, but 150 cells do not (first: "a" in data row 1)');
  });

  it('a positive label that is not a class', async () => {
    expect(await refusal(many((i) => (i % 2 ? 'yes' : 'no')), 'y', { positiveLabel: 'maybe' })).toThrow('positiveLabel "maybe" is not a class of target "y"; its classes are "no", "yes"');
  });
});
