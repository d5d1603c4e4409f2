import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tableFromArrays, vectorFromArray, Table, Utf8, Bool } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { baselineStatistics } from '../../../src/lib/monitor/statistics.ts';
import type { StatisticsJson } from '../../../src/lib/monitor/types.ts';
import { keyPaths, sdkBaselineTable, sdkJson } from './sdk-fixtures.ts';

const PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('./pandas_stats.py', import.meta.url).pathname;
const hasPandas = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0;
const pandasSkip = hasPandas ? '' : ` (skipped: ${PYTHON} cannot import pandas; apt-get install python3-pandas)`;

describe('baselineStatistics matches what Model Monitor wrote for the SDK\'s baseline_dataset.csv', () => {
  const ours = baselineStatistics(sdkBaselineTable());
  const theirs = sdkJson<StatisticsJson>('sdk-statistics.json');

  it('has the same keys, nested the same way', () => {
    expect([...keyPaths(ours)].sort()).toEqual([...keyPaths(theirs)].sort());
  });

  it('has the same item count, types, counts, mean, sum, population std_dev, min and max (to 1e-12 relative)', () => {
    expect(ours.dataset).toEqual(theirs.dataset);
    expect(ours.features.map((f) => [f.name, f.inferred_type])).toEqual(theirs.features.map((f) => [f.name, f.inferred_type]));
    ours.features.forEach((f, i) => {
      const a = f.numerical_statistics!;
      const b = theirs.features[i].numerical_statistics!;
      expect(a.common).toEqual(b.common);
      for (const key of ['mean', 'sum', 'std_dev', 'min', 'max'] as const) {
        expect(Math.abs(a[key] - b[key])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b[key])));
      }
    });
  });

  it('has the same 10 KLL buckets and the same sketch (parameters and data, value for value)', () => {
    ours.features.forEach((f, i) => {
      const a = f.numerical_statistics!.distribution.kll;
      const b = theirs.features[i].numerical_statistics!.distribution.kll;
      expect(a.buckets).toEqual(b.buckets);
      expect(a.sketch).toEqual(b.sketch);
    });
  });
});

describe('baselineStatistics infers types as Deequ does', () => {
  const text = (values: (string | null)[]) => vectorFromArray(values, new Utf8());
  const table = new Table({
    ints: text(['1', '-2', '+3', null]),
    mixed: text(['1', '2.5', '3e2', '4']),
    flags: text(['true', 'false', 'true', null]),
    words: text(['a', 'b', 'a', '7']),
    empty: text([null, null, null, null]),
    counts: vectorFromArray([3, 4, null, 6]),
    bools: vectorFromArray([true, false, true, true], new Bool()),
  });
  const stats = baselineStatistics(table);
  const byName = Object.fromEntries(stats.features.map((f) => [f.name, f]));

  it('text of integers is Integral, any decimal makes Fractional, booleans and words are String, all-missing is Unknown', () => {
    expect(stats.features.map((f) => [f.name, f.inferred_type])).toEqual([
      ['ints', 'Integral'], ['mixed', 'Fractional'], ['flags', 'String'], ['words', 'String'], ['empty', 'Unknown'],
      ['counts', 'Fractional'], ['bools', 'String'],
    ]);
  });

  it('numeric text is summed as numbers, missing cells counted, and a String column gets categorical buckets by count', () => {
    expect(byName.ints.numerical_statistics).toMatchObject({ common: { num_present: 3, num_missing: 1 }, sum: 2, min: -2, max: 3 });
    expect(byName.mixed.numerical_statistics).toMatchObject({ sum: 307.5, mean: 76.875 });
    expect(byName.words.string_statistics).toEqual({
      common: { num_present: 4, num_missing: 0 },
      distinct_count: 3,
      distribution: { categorical: { buckets: [{ value: 'a', count: 2 }, { value: 'b', count: 1 }, { value: '7', count: 1 }] } },
    });
    expect(byName.empty.string_statistics?.common).toEqual({ num_present: 0, num_missing: 4 });
  });

  it('Arrow integer columns are Integral', () => {
    const ints = tableFromArrays({ n: Int32Array.from([5, 1, 3]) });
    expect(baselineStatistics(ints).features[0]).toMatchObject({ inferred_type: 'Integral', numerical_statistics: { sum: 9, min: 1, max: 5 } });
  });

  it('caps the categorical buckets at maxCategoricalBuckets, keeping the most frequent, while distinct_count stays exact', () => {
    const t = new Table({ s: text(['x', 'y', 'y', 'z', 'z', 'z']) });
    const s = baselineStatistics(t, { maxCategoricalBuckets: 2 }).features[0].string_statistics!;
    expect(s.distinct_count).toBe(3);
    expect(s.distribution.categorical.buckets).toEqual([{ value: 'z', count: 3 }, { value: 'y', count: 2 }]);
  });

  it('rejects bad options and a non-table with messages naming the argument', () => {
    expect(() => baselineStatistics(table, { k: 0 })).toThrow('options.k must be an integer ≥ 2, got 0');
    expect(() => baselineStatistics(table, { buckets: 0 })).toThrow('options.buckets must be an integer from 1 to 100, got 0');
    expect(() => baselineStatistics(table, { types: { ints: 'Date' as never } })).toThrow("options.types['ints'] must be one of");
    expect(() => baselineStatistics({} as Table)).toThrow('table must be an apache-arrow Table');
  });
});

const FILES = ['seattle-weather.csv', 'birdstrikes.csv', 'la-riots.csv', 'airports.csv', 'gapminder-health-income.csv', 'windvectors.csv'];

describe(`baselineStatistics agrees with pandas on real files${pandasSkip}`, () => {
  for (const file of FILES) {
    it.skipIf(!hasPandas)(`${file}: num_present, num_missing, mean, sum, std_dev (ddof 0), min, max within 1e-11 relative${pandasSkip}`, async () => {
      const path = new URL(`../../../node_modules/vega-datasets/data/${file}`, import.meta.url).pathname;
      const { table } = await loadBytes(file, new Uint8Array(readFileSync(path)));
      const stats = baselineStatistics(table);
      const run = spawnSync(PYTHON, [SCRIPT, path], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const anchor = JSON.parse(run.stdout) as Record<string, Record<string, number>>;
      const numeric = stats.features.filter((f) => f.numerical_statistics);
      expect(numeric.map((f) => f.name).sort()).toEqual(Object.keys(anchor).sort());
      for (const f of numeric) {
        const ours = f.numerical_statistics!;
        const want = anchor[f.name];
        expect(ours.common, f.name).toEqual({ num_present: want.num_present, num_missing: want.num_missing });
        for (const key of ['mean', 'sum', 'std_dev', 'min', 'max'] as const) {
          expect(Math.abs(ours[key] - want[key]), `${f.name}.${key}: ${ours[key]} vs ${want[key]}`).toBeLessThanOrEqual(1e-11 * Math.max(1, Math.abs(want[key])));
        }
        // Deequ computes the top edge as min + (max − min)·10/10, which can round below max (seattle-weather's
        // temp_min: 18.299999999999997 for 18.3); values above it fall outside every bucket, as in Model Monitor.
        const buckets = ours.distribution.kll.buckets;
        const weight = buckets.reduce((s, b) => s + b.count, 0);
        if (buckets[buckets.length - 1].upper_bound === ours.max) expect(weight, `${f.name} bucket counts`).toBe(want.num_present);
        else expect(weight, `${f.name} bucket counts`).toBeLessThan(want.num_present);
      }
    });
  }
});
