import { describe, expect, it } from 'vitest';
import { exploreData, inferProblem, LEAKAGE_THRESHOLD, type DataExplorationReport } from '../../../src/lib/autopilot/index.ts';
import { csvTable, normal, seeded, toCsv } from './fixtures.ts';

const f6 = (x: number) => x.toFixed(6);

/**
 * 400 rows, each issue planted exactly once: y is "yes" in 10% of rows; leak = [y is yes] + N(0, 0.05²);
 * innocent ~ N(0, 1); innocent_copy = innocent; constant = "A"; m10 is blank in rows 10-49 (10%); m80 in
 * rows 50-369 (80%); rows 397-399 repeat rows 0-2 exactly.
 */
async function issuesTable() {
  const random = seeded(7), gauss = normal(random);
  const rows: (string | number)[][] = [];
  for (let i = 0; i < 397; i++) {
    const yes = i % 10 === 3;
    const innocent = f6(gauss());
    rows.push([yes ? 'yes' : 'no', f6((yes ? 1 : 0) + 0.05 * gauss()), innocent, innocent, 'A', i >= 10 && i < 50 ? '' : f6(gauss()), i >= 50 && i < 370 ? '' : f6(gauss()), ['red', 'green', 'blue'][i % 3]]);
  }
  rows.push(rows[0], rows[1], rows[2]);
  return csvTable(toCsv(['y', 'leak', 'innocent', 'innocent_copy', 'constant', 'm10', 'm80', 'colour'], rows));
}

const byKind = (r: DataExplorationReport, kind: string, column?: string) => r.findings.filter((f) => f.kind === kind && (column === undefined || f.column === column));

describe('exploreData on a table with each issue planted', async () => {
  const table = await issuesTable();
  const problem = inferProblem(table, 'y');
  const report = exploreData(table, 'y', problem);

  it('infers BinaryClassification with "yes" (the 10% class) as positive', () => {
    expect(problem).toMatchObject({ problemType: 'BinaryClassification', objective: 'F1', positiveLabel: 'yes' });
  });

  it('flags the leaking column with its cross-validated AUC above 0.99, and not the innocent one', () => {
    const [leak] = byKind(report, 'target-leakage');
    expect(leak).toMatchObject({ column: 'leak', severity: 'high' });
    expect(leak.value).toBeGreaterThan(LEAKAGE_THRESHOLD);
    expect(byKind(report, 'target-leakage')).toHaveLength(1);
    const innocent = report.columns.find((c) => c.name === 'innocent')!;
    // A column of noise scores near chance: AUC 0.5 ± 0.15 on 400 rows with 40 positives.
    expect(Math.abs(innocent.predictivePower! - 0.5)).toBeLessThan(0.15);
  });

  it('drops the constant column, the duplicate column and the 80%-missing column, and imputes the 10%-missing one', () => {
    expect(byKind(report, 'constant-column').map((f) => f.column)).toEqual(['constant']);
    expect(byKind(report, 'duplicate-column')).toMatchObject([{ column: 'innocent_copy', detail: { duplicateOf: 'innocent' } }]);
    expect(byKind(report, 'missing-values', 'm10')).toMatchObject([{ severity: 'warning', value: 0.1 }]);
    expect(byKind(report, 'missing-values', 'm10')[0].action).toContain('imputes');
    expect(byKind(report, 'missing-values', 'm80')).toMatchObject([{ severity: 'high', value: 0.8 }]);
    expect(byKind(report, 'missing-values', 'm80')[0].action).toContain('drops');
    expect(byKind(report, 'missing-values')).toHaveLength(2);
    expect(report.dropped).toEqual([
      { column: 'leak', reason: 'target-leakage' },
      { column: 'innocent_copy', reason: 'duplicate-column' },
      { column: 'constant', reason: 'constant-column' },
      { column: 'm80', reason: 'missing-values' },
    ]);
    expect(report.columns.find((c) => c.name === 'm10')!.treatment).toBe('numeric');
    expect(report.columns.find((c) => c.name === 'colour')!.treatment).toBe('one-hot');
  });

  it('counts exactly 3 duplicate rows and keeps them', () => {
    expect(byKind(report, 'duplicate-rows')).toMatchObject([{ value: 3, severity: 'info' }]);
    expect(byKind(report, 'duplicate-rows')[0].action).toContain('keeps them');
  });

  it('notes the class imbalance (10% minority) and what it means for the objective', () => {
    const [imbalance] = byKind(report, 'class-imbalance');
    expect(imbalance).toMatchObject({ severity: 'warning', value: 0.1, detail: { minority: 'yes', majority: 'no' } });
    expect(imbalance.action).toContain('F1 is not dominated by the majority class');
    const accuracy = exploreData(table, 'y', inferProblem(table, 'y', { objective: 'Accuracy' }));
    expect(byKind(accuracy, 'class-imbalance')[0].action).toContain('always answering "no" scores 90.0%); consider BalancedAccuracy or AUC');
  });

  it('is deterministic: the same seed gives the same report', () => {
    expect(exploreData(table, 'y', problem)).toEqual(report);
  });

  it('orders findings high, then warning, then info', () => {
    const rank = { high: 0, warning: 1, info: 2 };
    const ranks = report.findings.map((f) => rank[f.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe('exploreData on a clean table', async () => {
  const random = seeded(11), gauss = normal(random);
  const rows = Array.from({ length: 600 }, (_, i) => {
    const x1 = gauss(), x2 = random();
    return [f6(x1), f6(x2), ['a', 'b', 'c', 'd'][i % 4], x1 + 0.8 * gauss() > 0 ? 'pos' : 'neg'];
  });
  const table = await csvTable(toCsv(['x1', 'x2', 'group', 'label'], rows));
  const report = exploreData(table, 'label', inferProblem(table, 'label'));

  it('finds nothing but the target distribution', () => {
    expect(report.findings.map((f) => f.kind)).toEqual(['target-distribution']);
    expect(report.dropped).toEqual([]);
    expect(report.columns.map((c) => c.treatment)).toEqual(['numeric', 'numeric', 'one-hot', 'target']);
  });

  it('scores the informative feature well below the leakage threshold', () => {
    const x1 = report.columns[0].predictivePower!;
    expect(x1).toBeGreaterThan(0.7);
    expect(x1).toBeLessThan(LEAKAGE_THRESHOLD);
  });
});

describe('exploreData for regression and multiclass', () => {
  it('flags a regression leak (target + small noise) by R² and not a noise column', async () => {
    const random = seeded(3), gauss = normal(random);
    const rows = Array.from({ length: 1000 }, () => {
      const y = 10 * gauss();
      return [f6(y), f6(y + 0.1 * gauss()), f6(gauss())];
    });
    const table = await csvTable(toCsv(['price', 'leak', 'noise'], rows));
    const problem = inferProblem(table, 'price');
    expect(problem.problemType).toBe('Regression');
    const report = exploreData(table, 'price', problem);
    expect(byKind(report, 'target-leakage')).toMatchObject([{ column: 'leak', detail: { metric: 'R²' } }]);
    expect(report.columns[1].predictivePower).toBeGreaterThan(LEAKAGE_THRESHOLD);
    // Out-of-fold R² of noise is near 0, slightly negative (the bins fit nothing): within ±0.1.
    expect(Math.abs(report.columns[2].predictivePower!)).toBeLessThan(0.1);
    expect(byKind(report, 'target-distribution')[0].detail).toMatchObject({ min: expect.any(Number), median: expect.any(Number) });
  });

  it('flags a categorical copy of a multiclass target, and classes too rare for the folds', async () => {
    const labels = ['a', 'b', 'c'];
    const rows = Array.from({ length: 300 }, (_, i) => {
      const y = i < 3 ? 'rare' : labels[i % 3];
      return [y, `k_${y}`, i % 5];
    });
    const table = await csvTable(toCsv(['y', 'copy', 'other'], rows));
    const report = exploreData(table, 'y', inferProblem(table, 'y'));
    expect(byKind(report, 'target-leakage')).toMatchObject([{ column: 'copy' }]);
    expect(byKind(report, 'rare-classes')).toMatchObject([{ severity: 'high', value: 1, detail: { classes: [{ label: 'rare', count: 3 }] } }]);
  });
});

describe('exploreData arguments', async () => {
  const table = await csvTable(toCsv(['x', 'y'], Array.from({ length: 120 }, (_, i) => [i % 7, i % 2])));
  const problem = inferProblem(table, 'y');
  it('refuses a problem inferred for another target', () => {
    expect(() => exploreData(table, 'x', problem)).toThrow('exploreData: problem is for target "y", not "x"; call inferProblem(table, "x") first');
  });
  it('refuses a leakage sample too small for the folds', () => {
    expect(() => exploreData(table, 'y', problem, { leakageRows: 5 })).toThrow('leakageRows must be an integer of at least 10; got 5');
  });
});
