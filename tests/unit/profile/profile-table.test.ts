import { Table, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { profileTable } from '../../../src/lib/profile/profile-table.ts';
import { applyOverrides, buildSchema } from '../../../src/lib/profile/schema.ts';
import { dateMs, dict, f64, i32 } from './fixtures.ts';

const DAY = 86_400_000;

function sample(): Table {
  return new Table({
    age: i32([30, 40, null, 50, 60]),
    income: f64([1.5, 2.5, NaN, 4.5, 3.5]),
    city: dict(['a', 'b', 'a', null, 'a']),
    day: dateMs([0, DAY, 2 * DAY, 3 * DAY, null]),
    code: dict(['1', '2', 'x', '3', '4']),
  });
}

describe('profileTable on a 5-row literal table (values computed by hand)', () => {
  const table = sample();
  const profile = profileTable(table, applyOverrides(buildSchema(table), { code: 'integer' }));
  const col = (name: string) => profile.columns.find((c) => c.name === name)!;

  it('profileTable counts rows and, per column, missing cells (null or NaN) and their percentage', () => {
    expect(profile.rows).toBe(5);
    expect(profile.columns.map((c) => [c.name, c.count, c.missing, c.missingPct])).toEqual([
      ['age', 5, 1, 20], ['income', 5, 1, 20], ['city', 5, 1, 20], ['day', 5, 1, 20], ['code', 5, 1, 20],
    ]);
  });

  it('profileTable summarises an integer column: mean 45, std sqrt(500 / 3), numpy-linear quantiles', () => {
    const age = col('age');
    expect(age.type).toBe('integer');
    expect(age.distinct).toBe(4);
    expect(age.numeric!.min).toBe(30);
    expect(age.numeric!.max).toBe(60);
    expect(age.numeric!.mean).toBe(45);
    expect(age.numeric!.std).toBeCloseTo(Math.sqrt(500 / 3), 12);
    const q = age.numeric!.quantiles;
    expect(q.map((x) => x.p)).toEqual([0.05, 0.25, 0.5, 0.75, 0.95]);
    [31.5, 37.5, 45, 52.5, 58.5].forEach((v, i) => expect(q[i].value).toBeCloseTo(v, 12));
  });

  it('profileTable bins 30..60 in width-2 nice bins whose counts add up to the non-missing cells', () => {
    const bins = col('age').histogram!;
    expect(bins).toHaveLength(15);
    expect(bins[0]).toEqual({ x0: 30, x1: 32, count: 1 });
    expect(bins[14]).toEqual({ x0: 58, x1: 60, count: 1 });
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(4);
  });

  it('profileTable gives a categorical column top values and otherCount, and no numeric summary', () => {
    const city = col('city');
    expect(city.topK).toEqual([{ value: 'a', count: 3 }, { value: 'b', count: 1 }]);
    expect(city.otherCount).toBe(0);
    expect(city.distinct).toBe(2);
    expect(city.numeric).toBeUndefined();
    expect(city.histogram).toBeUndefined();
  });

  it('profileTable summarises a datetime column in epoch milliseconds', () => {
    const day = col('day');
    expect(day.type).toBe('datetime');
    expect(day.numeric!.min).toBe(0);
    expect(day.numeric!.max).toBe(3 * DAY);
    expect(day.numeric!.mean).toBe(1.5 * DAY);
    expect(day.histogram!.reduce((s, b) => s + b.count, 0)).toBe(4);
  });

  it('profileTable parses a text column overridden to integer and counts unparseable cells as missing', () => {
    const code = col('code');
    expect(code.inferred).toBe('categorical');
    expect(code.type).toBe('integer');
    expect(code.missing).toBe(1);
    expect(code.numeric!.mean).toBe(2.5);
  });

  it('profileTable correlates integer and float columns over pairwise-complete rows (age~income = 40 / sqrt(500 * 5))', () => {
    expect(profile.correlation.columns).toEqual(['age', 'income', 'code']);
    const [age, income, code] = profile.correlation.values;
    expect(age[0]).toBe(1);
    expect(age[1]).toBeCloseTo(0.8, 12);
    expect(income[0]).toBe(age[1]);
    expect(age[2]).toBeCloseTo(1, 12);
    expect(code[2]).toBe(1);
  });
});

describe('profileTable with other overrides and edge cases', () => {
  it('profileTable lists a numeric column overridden to categorical by its values', () => {
    const table = tableFromArrays({ n: Int32Array.from([1, 2, 2, 3]) });
    const p = profileTable(table, applyOverrides(buildSchema(table), { n: 'categorical' }));
    expect(p.columns[0].topK).toEqual([{ value: '2', count: 2 }, { value: '1', count: 1 }, { value: '3', count: 1 }]);
    expect(p.correlation).toEqual({ columns: [], values: [] });
  });

  it('profileTable of a table with no rows reports 0% missing and empty summaries', () => {
    const table = new Table({ x: f64([]), s: dict([]) });
    const p = profileTable(table, buildSchema(table));
    expect(p.rows).toBe(0);
    expect(p.columns[0]).toMatchObject({ missing: 0, missingPct: 0, distinct: 0, histogram: [] });
    expect(p.columns[0].numeric).toBeUndefined();
    expect(p.columns[1]).toMatchObject({ missing: 0, missingPct: 0, distinct: 0, topK: [], otherCount: 0 });
  });

  it('profileTable keeps only the first 40 numeric columns in the correlation matrix', () => {
    const cols: Record<string, Float64Array> = {};
    for (let j = 0; j < 45; j++) cols[`c${j}`] = Float64Array.from([1, 2, 3 + j, 0.5]);
    const table = tableFromArrays(cols);
    const p = profileTable(table, buildSchema(table));
    expect(p.correlation.columns).toHaveLength(40);
    expect(p.correlation.columns[39]).toBe('c39');
    expect(p.correlation.values[39]).toHaveLength(40);
  });

  it('profileTable rejects a schema built for another table with a message naming the column', () => {
    const table = sample();
    const schema = buildSchema(table);
    expect(() => profileTable(table, schema.slice(1))).toThrow(/schema has 4 columns but the table has 5/);
    const swapped = [schema[1], schema[0], ...schema.slice(2)];
    expect(() => profileTable(table, swapped)).toThrow(/schema\[0\] is for column "income" but the table's column 0 is "age"/);
  });
});
