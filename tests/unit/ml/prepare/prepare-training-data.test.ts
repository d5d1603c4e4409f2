import type { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { loadBytes } from '../../../../src/lib/data/index.ts';
import { prepareTrainingData } from '../../../../src/lib/ml/prepare/index.ts';

const csv = async (text: string): Promise<Table> => (await loadBytes('t.csv', new TextEncoder().encode(text))).table;
const rows = (header: string, n: number, row: (i: number) => string) => [header, ...Array.from({ length: n }, (_, i) => row(i))].join('\n') + '\n';
const cols = (f: Float32Array[] | Float32Array) => f as Float32Array[];

describe('prepareTrainingData: target and task', () => {
  it('drops rows with a missing target and reports the count', async () => {
    const t = await csv('x,y\n1,a\n2,\n3,b\n4,a\n5,\n6,b\n');
    const p = prepareTrainingData(t, { target: 'y', split: { validationFraction: 0 } });
    expect(p.droppedMissingTarget).toBe(2);
    expect(p.train.nRows).toBe(4);
    expect(p.notes).toContain('2 rows with a missing target "y" were dropped');
  });

  it('sorts string classes and makes the second the positive class of a binary task', async () => {
    const t = await csv('x,y\n1,yes\n2,no\n3,yes\n4,no\n');
    const p = prepareTrainingData(t, { target: 'y', types: { y: 'categorical' }, split: { validationFraction: 0 } });
    expect(p.encoding.task).toBe('binary');
    expect(p.encoding.classes).toEqual(['no', 'yes']);
    expect(Array.from(p.train.labels!)).toEqual([1, 0, 1, 0]);
    const q = prepareTrainingData(t, { target: 'y', types: { y: 'categorical' }, positiveLabel: 'no', split: { validationFraction: 0 } });
    expect(q.encoding.classes).toEqual(['yes', 'no']);
    expect(Array.from(q.train.labels!)).toEqual([0, 1, 0, 1]);
  });

  it('refuses a target with only one class, naming it', async () => {
    const t = await csv('x,y\n1,a\n2,a\n3,\n');
    expect(() => prepareTrainingData(t, { target: 'y' })).toThrow('target "y" has only one class ("a"); classification needs at least two');
  });

  it('infers multiclass for strings and integer codes, regression for other numbers', async () => {
    const s = await csv(rows('x,y', 30, (i) => `${i},${['a', 'b', 'c'][i % 3]}`));
    expect(prepareTrainingData(s, { target: 'y' }).encoding.task).toBe('multiclass');
    const codes = await csv(rows('x,y', 30, (i) => `${i},${i % 4}`));
    expect(prepareTrainingData(codes, { target: 'y' }).encoding).toMatchObject({ task: 'multiclass', classes: ['0', '1', '2', '3'] });
    const reg = await csv(rows('x,y', 30, (i) => `${i},${(i * 1.7).toFixed(2)}`));
    const p = prepareTrainingData(reg, { target: 'y' });
    expect(p.encoding.task).toBe('regression');
    expect(p.encoding.classes).toBeUndefined();
  });

  it('names the argument and its range in option errors', async () => {
    const t = await csv('x,y\n1,a\n2,b\n');
    expect(() => prepareTrainingData(t, { target: 'z' })).toThrow('target "z" is not a column of the data; columns are "x", "y"');
    expect(() => prepareTrainingData(t, { target: 'y', split: { validationFraction: 1.2 } })).toThrow('split.validationFraction must be a number in [0, 1); got 1.2');
    expect(() => prepareTrainingData(t, { target: 'y', split: { validationFraction: 0.6, testFraction: 0.5 } })).toThrow('must be below 1');
    expect(() => prepareTrainingData(t, { target: 'y', split: { method: 'time' } })).toThrow('split.timeColumn is required');
    expect(() => prepareTrainingData(t, { target: 'y', features: ['q'] })).toThrow('features names "q", not in the data');
  });
});

describe('prepareTrainingData: features', () => {
  it('reads numbers as float32 and text in a numeric column as missing, with a note', async () => {
    const t = await csv(rows('x,y', 20, (i) => `${i === 3 ? 'abc' : i + 0.5},${i % 2}`));
    const p = prepareTrainingData(t, { target: 'y', split: { validationFraction: 0 } });
    expect(p.encoding.columns[0]).toEqual({ name: 'x', kind: 'numeric' });
    const x = cols(p.train.features)[0];
    expect(x[0]).toBe(0.5);
    expect(x[3]).toBeNaN();
    expect(p.notes.some((n) => n.includes('column "x" is numeric but 1 cell is not a number (first: "abc" in data row 4)'))).toBe(true);
    expect(() => prepareTrainingData(t, { target: 'y', invalidNumbers: 'error' })).toThrow(/column "x" is numeric but 1 cell is not a number/);
  });

  it('encodes booleans as 0/1 and datetimes as epoch seconds', async () => {
    const t = await csv('flag,when,y\nyes,2020-01-01,0\nno,2020-01-02,1\nyes,,0\nno,2020-01-04,1\n');
    const p = prepareTrainingData(t, { target: 'y', split: { validationFraction: 0 } });
    const [flag, when] = cols(p.train.features);
    expect(Array.from(flag)).toEqual([1, 0, 1, 0]);
    expect(when[0]).toBe(Math.fround(Date.UTC(2020, 0, 1) / 1000));
    expect(when[2]).toBeNaN();
    expect(p.notes).toContain('column "when" is encoded as seconds since 1970-01-01 UTC');
  });

  it('one-hot encodes up to 32 categories (missing → NaN) and ranks more by frequency', async () => {
    const t = await csv(rows('few,many,y', 80, (i) => `${i === 5 ? '' : ['red', 'blue'][i % 2]},${i < 10 ? 'top' : `c${i}`},${i % 2}`));
    const p = prepareTrainingData(t, { target: 'y', types: { many: 'categorical' }, split: { validationFraction: 0 } });
    expect(p.encoding.columns[0]).toEqual({ name: 'few', kind: 'one-hot', categories: ['blue', 'red'] });
    expect(p.encoding.featureNames.slice(0, 3)).toEqual(['few=blue', 'few=red', 'many']);
    const [blue, red, many] = cols(p.train.features);
    expect([blue[0], red[0], blue[1], red[1]]).toEqual([0, 1, 1, 0]);
    expect(blue[5]).toBeNaN();
    const enc = p.encoding.columns[1];
    expect(enc.kind).toBe('ordinal');
    expect(enc.kind === 'ordinal' && enc.categories[0]).toBe('top');
    expect(many[0]).toBe(0);
    expect(many[10]).toBeGreaterThan(0);
  });

  it('keeps constant and all-missing features and says so', async () => {
    const t = await csv('c,m,x,y\n1,,1,0\n1,,2,1\n1,,3,0\n1,,4,1\n');
    const p = prepareTrainingData(t, { target: 'y', types: { m: 'float' }, split: { validationFraction: 0 } });
    expect(p.train.nCols).toBe(3);
    expect(p.notes).toContain('feature "c" is constant (1); it is kept but cannot be used for splits');
    expect(p.notes).toContain('feature "m" is missing in every row; it is kept but cannot be used for splits');
  });

  it('leaves id and text columns out by default', async () => {
    const t = await csv(rows('customer_id,x,y', 30, (i) => `${1000 + i},${i},${i % 2}`));
    const p = prepareTrainingData(t, { target: 'y' });
    expect(p.encoding.featureNames).toEqual(['x']);
    expect(p.notes).toContain('column "customer_id" (id) is not used as a feature');
  });
});

describe('prepareTrainingData: splits', () => {
  it('holds out 20% for validation by default, stratified and seeded', async () => {
    const t = await csv(rows('x,y', 100, (i) => `${i},${i < 30 ? 'a' : 'b'}`));
    const p = prepareTrainingData(t, { target: 'y' });
    expect(p.train.nRows).toBe(80);
    expect(p.validation!.nRows).toBe(20);
    expect(Array.from(p.validation!.labels!).filter((v) => v === 0)).toHaveLength(6);
    const again = prepareTrainingData(t, { target: 'y' });
    expect(Array.from(cols(again.validation!.features)[0])).toEqual(Array.from(cols(p.validation!.features)[0]));
    const other = prepareTrainingData(t, { target: 'y', split: { seed: 7 } });
    expect(Array.from(cols(other.validation!.features)[0])).not.toEqual(Array.from(cols(p.validation!.features)[0]));
  });

  it('random splits give validation and test parts of the requested size', async () => {
    const t = await csv(rows('x,y', 50, (i) => `${i},${i * 0.37}`));
    const p = prepareTrainingData(t, { target: 'y', split: { method: 'random', validationFraction: 0.2, testFraction: 0.1 } });
    expect([p.train.nRows, p.validation!.nRows, p.test!.nRows]).toEqual([35, 10, 5]);
  });

  it('time splits hold out the latest rows', async () => {
    const t = await csv(rows('day,x,y', 10, (i) => `2021-01-${String(10 - i).padStart(2, '0')},${i},${i * 1.5}`));
    const p = prepareTrainingData(t, { target: 'y', features: ['x'], split: { method: 'time', timeColumn: 'day', validationFraction: 0.2 } });
    // The latest days are rows 0 and 1 (x = 0, 1), in time order.
    expect(Array.from(cols(p.validation!.features)[0])).toEqual([1, 0]);
    expect(p.train.nRows).toBe(8);
  });
});

describe('a training split without two classes', () => {
  it('is refused with a sentence in the user\'s words that says which fractions to lower', async () => {
    const t = await csv(rows('x,y', 12, (i) => `${i},${i < 10 ? 'a' : 'b'}`));
    expect(() => prepareTrainingData(t, { target: 'y', split: { method: 'time', timeColumn: 'x', validationFraction: 0.1, testFraction: 0.1 } }))
      .toThrow('the training split has only one class ("a") of 2; lower Validation % or Test % (now 10% and 10%) or split at random, or add rows of the other classes');
  });
});

describe('prepareTrainingData: splits gathered column by column', () => {
  it('gives each split the encoded rows it names, for one-hot, numeric and target columns alike', async () => {
    const t = await csv(rows('x,c,y', 40, (i) => `${i % 7 === 3 ? '' : i * 1.5},${['a', 'b', 'c'][i % 3]},${i % 2}`));
    const p = prepareTrainingData(t, { target: 'y', split: { validationFraction: 0.25, testFraction: 0.25, seed: 3 } });
    const all = prepareTrainingData(t, { target: 'y', split: { validationFraction: 0 } });
    const whole = cols(all.train.features);
    const byRow = new Map(Array.from(all.rows.train, (r, k) => [r, k]));
    for (const name of ['train', 'validation', 'test'] as const) {
      const set = p[name]!;
      const at = p.rows[name]!;
      expect(set.nRows).toBe(at.length);
      cols(set.features).forEach((c, j) => expect(Array.from(c)).toEqual(Array.from(at, (r) => whole[j][byRow.get(r)!])));
      expect(Array.from(set.labels!)).toEqual(Array.from(at, (r) => r % 2));
    }
  });
});
