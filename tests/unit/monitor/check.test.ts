import { readFileSync } from 'node:fs';
import { vectorFromArray, Table, Utf8, Float64, Int32, type Vector } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { checkData } from '../../../src/lib/monitor/check.ts';
import { suggestConstraints } from '../../../src/lib/monitor/constraints.ts';
import { baselineStatistics } from '../../../src/lib/monitor/statistics.ts';
import type { ConstraintsJson, ConstraintViolationsJson, StatisticsJson } from '../../../src/lib/monitor/types.ts';
import { keyPaths, sdkBaselineTable, sdkJson } from './sdk-fixtures.ts';
import { mulberry32 as seeded } from '../../../src/lib/ml/random.ts';


const N = 3000;
const COLOURS = ['red', 'green', 'blue'];

interface Columns { age: (number | null)[]; income: (number | null)[]; colour: (string | null)[] }

function columns(seed: number, shift = 0): Columns {
  const r = seeded(seed);
  const age: number[] = [];
  const income: number[] = [];
  const colour: string[] = [];
  for (let i = 0; i < N; i++) {
    age.push(18 + Math.floor(r() * 60));
    income.push(20_000 + r() * 80_000 + shift);
    colour.push(COLOURS[r() < 0.5 ? 0 : r() < 0.6 ? 1 : 2]);
  }
  return { age, income, colour };
}

function table(c: Record<string, readonly unknown[]>): Table {
  const vectors: Record<string, Vector> = {};
  for (const [name, values] of Object.entries(c)) {
    if (name === 'age' && values.every((v) => typeof v !== 'string')) vectors[name] = vectorFromArray(values as (number | null)[], new Int32());
    else if (name === 'income') vectors[name] = vectorFromArray(values as (number | null)[], new Float64());
    else vectors[name] = vectorFromArray(values as (string | null)[], new Utf8());
  }
  return new Table(vectors);
}

const base = columns(1);
const baseline = baselineStatistics(table({ ...base }));
const constraints = suggestConstraints(baseline);
const check = (t: Table, c: ConstraintsJson = constraints) => checkData(baseline, c, t).violations.violations;

describe('checkData', () => {
  it('finds no violation in the baseline data itself, nor in a fresh sample of the same distribution', () => {
    expect(check(table({ ...base }))).toEqual([]);
    expect(check(table({ ...columns(2) }))).toEqual([]);
  });

  it('finds no violation when the SDK baseline is checked against its own statistics and constraints', () => {
    const stats = sdkJson<StatisticsJson>('sdk-statistics.json');
    const sdkConstraints = sdkJson<ConstraintsJson>('sdk-constraints.json');
    expect(checkData(stats, sdkConstraints, sdkBaselineTable()).violations.violations).toEqual([]);
  });

  it('finds no violation when real files with missing values and text columns are checked against themselves', async () => {
    for (const file of ['birdstrikes.csv', 'la-riots.csv', 'seattle-weather.csv']) {
      const path = new URL(`../../../node_modules/vega-datasets/data/${file}`, import.meta.url).pathname;
      const { table: t } = await loadBytes(file, new Uint8Array(readFileSync(path)));
      const stats = baselineStatistics(t);
      expect(checkData(stats, suggestConstraints(stats), t).violations.violations, file).toEqual([]);
    }
  });

  it('writes constraint_violations.json in the SDK example\'s layout', () => {
    const theirs = sdkJson<ConstraintViolationsJson>('sdk-constraint_violations.json');
    const ours = checkData(baseline, constraints, table({ ...base, colour: base.colour.map(() => 'purple') })).violations;
    expect(ours.violations.length).toBeGreaterThan(0);
    expect([...keyPaths(ours)].sort()).toEqual([...keyPaths(theirs)].sort());
  });

  it('data_type_check: an Integral feature holding text and decimals, with the share, an example and the threshold', () => {
    const age: (string | null)[] = base.age.map(String);
    age[5] = 'unknown';
    age[9] = '31.5';
    const v = check(table({ ...base, age }));
    expect(v).toEqual([{
      feature_name: 'age',
      constraint_check_type: 'data_type_check',
      description: "Feature 'age' should be Integral, but only 99.93% of its 3000 present values are (2 are not, e.g. 'unknown' (String), "
        + "'31.5' (Fractional)); the data type check threshold is 100%. Fix how the column is produced, or re-run the baseline if its type has changed for good.",
    }]);
  });

  it('completeness_check: missing values beyond the baseline\'s completeness', () => {
    const income = base.income.map((x, i) => (i % 10 === 0 ? null : x));
    const v = check(table({ ...base, income }));
    expect(v.map((x) => x.constraint_check_type)).toEqual(['completeness_check']);
    expect(v[0].description).toBe("Feature 'income' is 90% complete (300 of 3000 values missing), below the baseline completeness of 100%. "
      + 'Find where the missing values come from, or lower its completeness in constraints.json if they are expected.');
  });

  it('baseline_drift_check: a shifted numeric feature, with the Robust distance, n, m and the threshold', () => {
    const v = check(table({ ...columns(2, 25_000) }));
    expect(v.map((x) => [x.feature_name, x.constraint_check_type])).toEqual([['income', 'baseline_drift_check']]);
    expect(v[0].description).toMatch(/^The distribution of 'income' has drifted from the baseline: the Robust L-infinity distance between the baseline and current CDFs is 0\.2\d+ \(plain distance 0\.3\d+, n = 3000 baseline and m = 3000 current values\), beyond the comparison threshold 0\.1\./);
  });

  it('baseline_drift_check: changed category frequencies, by LInfinity and by ChiSquared', () => {
    const colour = base.colour.map((c, i) => (c === 'red' && i % 2 === 0 ? 'blue' : c));
    const v = check(table({ ...base, colour }));
    expect(v.map((x) => [x.feature_name, x.constraint_check_type])).toEqual([['colour', 'baseline_drift_check']]);
    expect(v[0].description).toContain('the Robust L-infinity distance between the baseline and current category frequencies is 0.2');
    const chi = structuredClone(constraints);
    chi.monitoring_config.distribution_constraints.categorical_drift_method = 'ChiSquared';
    const w = check(table({ ...base, colour }), chi);
    expect(w[0].description).toMatch(/a chi-squared test of the current category counts against the baseline's proportions gives p = [\d.e-]+ \(χ² = \d+[\d.]*, n = 3000 baseline and m = 3000 current values\)/);
    expect(w[0].description).toContain('beyond the categorical comparison threshold 0.1');
    // The baseline against itself: χ² = 0, p = 1. (A fresh sample is another matter: Deequ tests the current
    // counts against the baseline's proportions as if those were exact, so p < 0.1 comes often by chance.)
    expect(check(table({ ...base }), chi)).toEqual([]);
  });

  it('categorical_values_check: values outside the baseline domain, named with their counts', () => {
    const colour = base.colour.map((c, i) => (i < 12 ? 'purple' : i < 15 ? 'teal' : c));
    const v = check(table({ ...base, colour }));
    expect(v).toEqual([{
      feature_name: 'colour',
      constraint_check_type: 'categorical_values_check',
      description: "Feature 'colour' has values outside its baseline domain: only 99.5% of its 3000 present values are in it, below the domain "
        + "content threshold 100%; 2 new values, most frequent 'purple' (12), 'teal' (3). Add them to string_constraints.domains if they are valid, or fix the source.",
    }]);
  });

  it('missing_column_check and extra_column_check name the column', () => {
    const v = check(table({ age: base.age, income: base.income, zip: base.age.map((a) => `z${a}`) }));
    expect(v).toEqual([
      {
        feature_name: 'colour', constraint_check_type: 'missing_column_check',
        description: "Column 'colour' is in the baseline but missing from the current data (which has 3 columns). Restore it upstream, or remove it from constraints.json if it was dropped on purpose.",
      },
      {
        feature_name: 'zip', constraint_check_type: 'extra_column_check',
        description: "Column 'zip' is in the current data but not in the baseline (which has 3 columns). Re-run the baseline to monitor it, or drop it before the check.",
      },
    ]);
  });

  it('an empty window is a completeness_check violation per feature, not a crash or an empty report', () => {
    const v = check(table({ age: [], income: [], colour: [] }));
    expect(v.map((x) => [x.feature_name, x.constraint_check_type])).toEqual([
      ['age', 'completeness_check'], ['income', 'completeness_check'], ['colour', 'completeness_check'],
    ]);
    expect(v[0].description).toBe("The current data has no rows, so feature 'age' has no values to check (baseline completeness 100%). Check that the data window is not empty.");
  });

  it('returns the current statistics with the baseline\'s types, and no violations when evaluate_constraints is Disabled', () => {
    const age = base.age.map((a) => `${a}`);
    const result = checkData(baseline, constraints, table({ ...base, age }));
    expect(result.statistics.features.map((f) => f.inferred_type)).toEqual(['Integral', 'Fractional', 'String']);
    const off = structuredClone(constraints);
    off.monitoring_config.evaluate_constraints = 'Disabled';
    expect(checkData(baseline, off, table({ income: base.income })).violations.violations).toEqual([]);
  });

  it('rejects malformed baseline objects with errors naming the field', () => {
    const noConfig = { ...constraints, monitoring_config: undefined } as unknown as ConstraintsJson;
    expect(() => checkData(baseline, noConfig, table({ ...base }))).toThrow('constraints.monitoring_config must be an object, got nothing.');
    const badMethod = structuredClone(constraints);
    (badMethod.monitoring_config.distribution_constraints as { comparison_method: string }).comparison_method = 'Fancy';
    expect(() => checkData(baseline, badMethod, table({ ...base }))).toThrow("constraints.monitoring_config.distribution_constraints.comparison_method must be one of 'Simple', 'Robust', got \"Fancy\".");
    const badSketch = structuredClone(baseline);
    badSketch.features[1].numerical_statistics!.distribution.kll.sketch.data = [[1, 'x' as unknown as number]];
    expect(() => checkData(badSketch, constraints, table({ ...base }))).toThrow('baselineStats.features[1].numerical_statistics.distribution.kll.sketch.data[0][1] must be a finite number, got "x".');
    expect(() => checkData(baseline, constraints, [] as unknown as Table)).toThrow('currentTable must be an apache-arrow Table');
  });
});
