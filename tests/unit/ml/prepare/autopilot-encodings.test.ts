// Autopilot's preprocessing (PrepareOptions.preprocessing 'autopilot'): each new encoding's fitted values
// worked out by hand on small tables (target encoding's m-estimate and its out-of-fold training values
// exactly; date parts of known instants; hashed n-gram counts of a known sentence against FNV-1a values
// computed independently with Python; standardization), unseen and missing cells, the per-column choice,
// 'default' left byte-identical to the encoder before these kinds, and a round trip through the model file
// and `mlpad predict` and the deploy engine. Float32 features are compared with Math.fround of the float64 figure: exactly.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeVector, Table as ArrowTable, tableFromArrays, type Table } from 'apache-arrow';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDeployModel, score } from '../../../../src/lib/deploy/deploy-model.ts';
import { modelFeatures } from '../../../../src/lib/engine/model-features.ts';
import { runTrainingJob } from '../../../../src/lib/engine/run-job.ts';
import type { FitData } from '../../../../src/lib/ml/matrix.ts';
import { detectAlgorithm } from '../../../../src/lib/ml/model-file.ts';
import { datePart, encodeColumn, encodeFeatures, encodingFromAttributes, fitDateParts, fitScaled, fitTargetEncoding, fnv1a, ngramsOf, ngramVector, outOfFoldTarget, prepareTrainingData, readEncoding, targetFolds, TARGET_FOLDS, TARGET_SMOOTHING } from '../../../../src/lib/ml/prepare/index.ts';
import type { ColumnEncoding, FeatureEncoding } from '../../../../src/lib/ml/prepare/types.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { getAlgorithm } from '../../../../src/lib/ml/registry.ts';
import { runMlpad } from '../../cli/run-mlpad.ts';

const f = Math.fround;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});
const all = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

describe('target encoding (m-estimate, m = 10)', () => {
  // a: rows 0, 1, 7 → labels 1, 0, 1; b: rows 2, 3, 4 → 1, 1, 1; c: row 5 → 1; row 6 is missing (label 0).
  const text = ['a', 'a', 'b', 'b', 'b', 'c', null, 'a'];
  const binary = Float32Array.of(1, 0, 1, 1, 1, 1, 0, 1);

  it('binary: each category is (Σy + m·prior) / (n + m) of the positive class; the prior is the training share', () => {
    expect(TARGET_SMOOTHING).toBe(10);
    const enc = fitTargetEncoding('city', text, binary, all(8), { task: 'binary', classes: ['no', 'yes'] });
    expect(enc).toMatchObject({ kind: 'target-encoding', categories: ['a', 'b', 'c'], prior: [0.75], smoothing: 10 });
    expect(enc.classes).toBeUndefined();
    expect(enc.values).toEqual([(2 + 7.5) / 13, (3 + 7.5) / 13, (1 + 7.5) / 11]);
  });

  it('fits on the training rows only: a category seen only outside them is unseen', () => {
    const enc = fitTargetEncoding('city', text, binary, Uint32Array.of(0, 1, 2, 3, 4), { task: 'binary', classes: ['no', 'yes'] });
    expect(enc.categories).toEqual(['a', 'b']);
    expect(enc.prior).toEqual([0.8]);
    expect(enc.values).toEqual([(1 + 8) / 12, (3 + 8) / 13]);
  });

  it('regression: the smoothed mean of the value', () => {
    const y = Float32Array.of(2, 4, 10, 20, 30, 6, 100, 0);
    const enc = fitTargetEncoding('city', text, y, all(8), { task: 'regression' });
    const prior = 172 / 8;
    expect(enc.prior).toEqual([prior]);
    expect(enc.values).toEqual([(6 + 10 * prior) / 13, (60 + 10 * prior) / 13, (6 + 10 * prior) / 11]);
  });

  it('multiclass: one output per class, each the smoothed class share', () => {
    const y = Float32Array.of(0, 1, 2, 2, 1, 0, 0, 0);
    const enc = fitTargetEncoding('city', text, y, all(8), { task: 'multiclass', classes: ['lo', 'mid', 'hi'] });
    expect(enc.classes).toEqual(['lo', 'mid', 'hi']);
    const prior = [4 / 8, 2 / 8, 2 / 8];
    expect(enc.prior).toEqual(prior);
    const a = [2, 1, 0], b = [0, 1, 2], c = [1, 0, 0];
    expect(enc.values).toEqual([
      ...a.map((s, o) => (s + 10 * prior[o]) / 13), ...b.map((s, o) => (s + 10 * prior[o]) / 13), ...c.map((s, o) => (s + 10 * prior[o]) / 11),
    ]);
    const x = encodeColumn(tableFromArrays({ city: ['b', 'zzz', null] } as never).getChild('city')!, enc);
    expect(x.map((col) => Array.from(col))).toEqual([0, 1, 2].map((o) => [f(enc.values[3 + o]), f(prior[o]), f(prior[o])]));
  });

  it('unseen and missing categories get the prior', () => {
    const enc = fitTargetEncoding('city', text, binary, all(8), { task: 'binary', classes: ['no', 'yes'] });
    const [x] = encodeColumn(tableFromArrays({ city: ['c', 'never seen', null] } as never).getChild('city')!, enc);
    expect(Array.from(x)).toEqual([f(8.5 / 11), f(0.75), f(0.75)]);
  });

  it('deals the training rows into 5 seeded folds, a partition of near-equal sizes', () => {
    expect(TARGET_FOLDS).toBe(5);
    const rows = Uint32Array.from({ length: 23 }, (_, i) => i * 2);
    const folds = targetFolds(rows, 7);
    expect(folds).toHaveLength(5);
    expect(folds.map((x) => x.length).sort()).toEqual([4, 4, 5, 5, 5]);
    expect([...folds.flatMap((x) => Array.from(x))].sort((p, q) => p - q)).toEqual(Array.from(rows));
    expect(targetFolds(rows, 7)).toEqual(folds);
    expect(targetFolds(rows, 8)).not.toEqual(folds);
    expect(targetFolds(Uint32Array.of(4, 9, 1), 0)).toHaveLength(3);
  });

  it('encodes each training row out of fold: from the other folds\' rows and their prior only', () => {
    const rng = new SeededRandom(5);
    const n = 40;
    const cells = Array.from({ length: n }, () => (rng.next() < 0.1 ? null : `k${rng.nextInt(6)}`));
    const labels = Float32Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
    const rows = Uint32Array.from({ length: 32 }, (_, i) => i);
    const enc = fitTargetEncoding('k', cells, labels, rows, { task: 'binary', classes: ['0', '1'] });
    const features = encodeColumn(tableFromArrays({ k: cells } as never).getChild('k')!, enc);
    outOfFoldTarget(features, cells, labels, rows, enc, 'binary', 11);
    for (const fold of targetFolds(rows, 11)) {
      const others = Array.from(rows).filter((r) => !fold.includes(r));
      const prior = others.reduce((s, r) => s + labels[r], 0) / others.length;
      for (const r of fold) {
        const same = others.filter((o) => cells[o] !== null && cells[o] === cells[r]);
        const want = cells[r] === null ? prior : (same.reduce((s, o) => s + labels[o], 0) + 10 * prior) / (same.length + 10);
        expect(features[0][r]).toBe(f(want));
      }
    }
    // Rows outside training keep the fit on every training row.
    for (let r = 32; r < n; r++) {
      const k = cells[r] === null ? -1 : enc.categories.indexOf(cells[r]!);
      expect(features[0][r]).toBe(f(k < 0 ? enc.prior[0] : enc.values[k]));
    }
  });
});

describe('date parts (UTC)', () => {
  const days = tableFromArrays({ d: ['2024-03-12T14:30:00Z', '2023-12-31T23:59:59Z', '2024-02-29T00:00:00+02:00', null, 'not a date'] } as never).getChild('d')!;

  it('reads year, month, day of month, day of week (0 = Sunday) and hour of known instants; missing and unreadable → NaN', () => {
    const enc: ColumnEncoding = { name: 'd', kind: 'date-parts', parts: ['year', 'month', 'day', 'weekday', 'hour'] };
    const x = encodeColumn(days, enc).map((c) => Array.from(c));
    // Columns are parts; rows: Tue 12 Mar 2024 14:30, Sun 31 Dec 2023 23:59:59, Wed 28 Feb 2024 22:00 UTC.
    expect(x).toEqual([[2024, 2023, 2024, NaN, NaN], [3, 12, 2, NaN, NaN], [12, 31, 28, NaN, NaN], [2, 0, 3, NaN, NaN], [14, 23, 22, NaN, NaN]]);
    expect(datePart(Date.UTC(1969, 11, 31, 23, 59, 59, 999) + 0.5, 'year')).toBe(1969);
  });

  it('keeps only the parts that vary over the training rows, the year when none does', () => {
    const ms = Float64Array.of(Date.UTC(2024, 0, 1, 3), Date.UTC(2024, 0, 1, 9), Date.UTC(2025, 5, 9, 9), NaN);
    expect(fitDateParts('d', ms, Uint32Array.of(0, 1, 3)).parts).toEqual(['hour']);
    // Mon 1 Jan 2024 and Mon 9 Jun 2025, both at 09:00: the weekday and the hour do not vary.
    expect(fitDateParts('d', ms, Uint32Array.of(1, 2)).parts).toEqual(['year', 'month', 'day']);
    expect(fitDateParts('d', ms, Uint32Array.of(0, 3)).parts).toEqual(['year']);
  });
});

describe('hashed word n-grams (FNV-1a, 32-bit)', () => {
  it('hashes UTF-8 bytes as the reference FNV-1a does (values from Python)', () => {
    expect(fnv1a('')).toBe(2166136261);
    expect(fnv1a('a')).toBe(3826002220);
    expect(fnv1a('foobar')).toBe(3214735720);
    expect(fnv1a('café')).toBe(2821410889);
    expect(fnv1a('naïve 東京')).toBe(859117963);
  });

  it('lower-cases, splits on non-letters/digits, and counts words and adjacent pairs', () => {
    expect(ngramsOf('The cat, the CAT!')).toEqual(['the', 'cat', 'the', 'cat', 'the cat', 'cat the', 'the cat']);
    // mod 8: the → 4, cat → 7, "the cat" → 0, "cat the" → 4 (a collision with "the").
    expect(Array.from(ngramVector('The cat, the CAT!', 8, false))).toEqual([2, 0, 0, 0, 3, 0, 0, 2]);
    expect(Array.from(ngramVector('The cat, the CAT!', 8, true))).toEqual([2 / 7, 0, 0, 0, 3 / 7, 0, 0, 2 / 7]);
    expect(Array.from(ngramVector(null, 4, false))).toEqual([0, 0, 0, 0]);
    expect(Array.from(ngramVector(' ,.; ', 4, true))).toEqual([0, 0, 0, 0]);
  });

  it('encodes a column as buckets named col#k; missing text is all zeros', () => {
    const enc: FeatureEncoding = { columns: [{ name: 'note', kind: 'hashed-ngrams', buckets: 64, tf: false }], featureNames: [] };
    enc.featureNames = Array.from({ length: 64 }, (_, b) => `note#${b}`);
    const x = encodeFeatures(tableFromArrays({ note: ['The cat, the CAT!', null] } as never) as unknown as Table, enc);
    const cols = x.features as Float32Array[];
    expect(cols).toHaveLength(64);
    const row0 = cols.map((c) => c[0]);
    expect(row0[28]).toBe(2);
    expect(row0[7]).toBe(2);
    expect(row0[24]).toBe(2);
    expect(row0[60]).toBe(1);
    expect(row0.reduce((s, v) => s + v, 0)).toBe(7);
    expect(cols.every((c) => c[1] === 0)).toBe(true);
  });
});

describe('scaling', () => {
  it('standardizes with the training rows\' mean and population standard deviation; std 0 → 1', () => {
    const v = Float64Array.of(1, 2, 3, 4, 100, NaN);
    const enc = fitScaled('x', v, Uint32Array.of(0, 1, 2, 3, 5));
    expect(enc).toEqual({ name: 'x', kind: 'scaled', mean: 2.5, std: Math.sqrt(1.25) });
    const [x] = encodeColumn(tableFromArrays({ x: Float64Array.from(v) }).getChild('x')!, enc);
    expect(Array.from(x)).toEqual([1, 2, 3, 4, 100, NaN].map((t) => f((t - 2.5) / Math.sqrt(1.25))));
    expect(fitScaled('x', Float64Array.of(5, 5, NaN), all(3))).toMatchObject({ mean: 5, std: 1 });
    expect(fitScaled('x', Float64Array.of(NaN), all(1))).toMatchObject({ mean: 0, std: 1 });
  });
});

/** 120 rows: numbers with gaps, integers, 3 and 33 categories, booleans, datetimes, free text, an id and a binary target. */
function fixedTable(): Table {
  const rng = new SeededRandom(42);
  const n = 120;
  const num: (number | null)[] = [], int: number[] = [], small: (string | null)[] = [], big: string[] = [], flag: boolean[] = [], day: string[] = [], note: string[] = [], id: string[] = [], y: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = Number((rng.next() * 10 - 5).toFixed(2));
    num.push(rng.next() < 0.1 ? null : a);
    int.push(rng.nextInt(100));
    small.push(rng.next() < 0.05 ? null : ['red', 'green', 'blue'][rng.nextInt(3)]);
    big.push(`city${rng.nextInt(40)}`);
    flag.push(rng.next() < 0.5);
    day.push(`2023-${String(1 + rng.nextInt(12)).padStart(2, '0')}-${String(1 + rng.nextInt(28)).padStart(2, '0')}T${String(rng.nextInt(24)).padStart(2, '0')}:00:00Z`);
    note.push(['good value for money', 'arrived late and broken', 'would buy again', 'not as described at all'][rng.nextInt(4)] + ` ${i}`);
    id.push(`row-${i}`);
    y.push(a + (flag[i] ? 1 : 0) + rng.next() > 0.5 ? 'yes' : 'no');
  }
  return tableFromArrays({ num, int, small, big, flag, day, note, id, y } as never) as unknown as Table;
}
const TYPES = { day: 'datetime', note: 'text', id: 'id', small: 'categorical', big: 'categorical' } as const;

function digest(parts: unknown[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    if (p instanceof Float32Array || p instanceof Int32Array || p instanceof Uint32Array) h.update(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
    else h.update(JSON.stringify(p));
  }
  return h.digest('hex');
}

function dataDigest(d: FitData): string {
  const parts: unknown[] = [d.nRows, d.nCols, d.featureNames];
  if (d.sparse) parts.push(d.sparse.indptr, d.sparse.indices, d.sparse.values); else parts.push(...(d.features as Float32Array[]));
  if (d.labels) parts.push(d.labels);
  return digest(parts);
}

describe("preprocessing 'default' is unchanged", () => {
  // SHA-256 digests recorded by running the same code against the encoder before the autopilot kinds
  // (commit 448d99e): the prepared matrices (bytes of every float32 feature and label), the encoding, the
  // notes, and the encoding attribute of model files trained by the job runner.
  const BEFORE = {
    dense: { train: '488b1c93167ca0234a4ba93a4a5b3c1d2cee65faffb31f605d3282369cc7405e', validation: 'a51ac81b237e3d1027598b6013fb6e0d74d034550e60062e86c87a7ecb77b289', encoding: '6fedab97dce9dc55128a6e47661042fffa52d5547b21fd39ece13512a8260386', notes: '3798c9a9e97b0a5c16ba2cccd7d1899d50d6e1a04be967f81f28f484fa22317f' },
    'one-hot': { train: 'bd568d37d11745fcee136c11b0b98484d5831fd3f443b9cd6721a2ec79a0a573', validation: 'a6716524a6abc319689a8557bfd15c7458268130a85fabe2eaa5bebea3c0b00a', encoding: '515a53ae5b0492edef011e84be5d1cd791417b5128b01d68d234b09492fa1b22', notes: '9b7312573e75d6545ae01e33e5914a92639de8a4981d483a17c9a9c5ecf89594' },
    models: {
      xgboost: '6fedab97dce9dc55128a6e47661042fffa52d5547b21fd39ece13512a8260386',
      'linear-learner': '787af4a170602e0cbe4079a4b4f7512d1b2587cb12fff5c7598eea7187de319b',
      'factorization-machines': '85e70bd2e9cb297988009ee31bdaf51970afe20b66a2823a56c33f60addc9778',
    },
  };

  it('prepares the same bytes as before, dense and sparse, with and without naming it', () => {
    for (const categorical of [undefined, 'one-hot'] as const) {
      for (const preprocessing of [undefined, 'default'] as const) {
        const p = prepareTrainingData(fixedTable(), { target: 'y', types: TYPES, split: { validationFraction: 0.25, seed: 3 }, ...(categorical ? { categorical } : {}), ...(preprocessing ? { preprocessing } : {}) });
        expect({ train: dataDigest(p.train), validation: dataDigest(p.validation!), encoding: digest([JSON.stringify(p.encoding)]), notes: digest([p.notes]) }).toEqual(BEFORE[categorical ?? 'dense']);
      }
    }
  });

  it('writes the same encoding attribute into model files as before', async () => {
    for (const [algorithm, hp] of [['xgboost', { num_round: '5' }], ['linear-learner', { epochs: '2' }], ['factorization-machines', { num_factors: '2', epochs: '2' }]] as const) {
      const r = await runTrainingJob({ train: fixedTable() }, { algorithm, hyperparameters: hp, prepare: { target: 'y', types: TYPES, split: { validationFraction: 0.25, seed: 3 } } });
      const j = JSON.parse(new TextDecoder().decode(r.model));
      expect(digest([j.learner?.attributes?.mlpad_encoding ?? j.attributes?.mlpad_encoding]), algorithm).toBe(BEFORE.models[algorithm]);
    }
  });
});

describe("preprocessing 'autopilot'", () => {
  const options = { target: 'y', types: TYPES, split: { validationFraction: 0.25, seed: 3 }, preprocessing: 'autopilot' } as const;

  it('chooses per column: numbers, booleans, date parts, one-hot ≤ 32, target encoding > 32, hashed n-grams for text; ids dropped', () => {
    const p = prepareTrainingData(fixedTable(), options);
    expect(p.encoding.columns.map((c) => [c.name, c.kind])).toEqual([
      ['num', 'numeric'], ['int', 'numeric'], ['small', 'one-hot'], ['big', 'target-encoding'], ['flag', 'boolean'], ['day', 'date-parts'], ['note', 'hashed-ngrams'],
    ]);
    expect(p.encoding.featureNames.slice(0, 6)).toEqual(['num', 'int', 'small=blue', 'small=green', 'small=red', 'big']);
    // Every date is in 2023: the year does not vary, so it is left out.
    expect(p.encoding.featureNames.slice(7, 11)).toEqual(['day.month', 'day.day', 'day.weekday', 'day.hour']);
    expect(p.encoding.featureNames.at(-1)).toBe('note#63');
    expect(p.train.nCols).toBe(6 + 1 + 4 + 64);
    expect(p.notes).toContain('column "id" (id) is not used as a feature');
    expect(p.notes.some((n) => n.includes('"big"') && n.includes('target-encoded (m-estimate with m = 10'))).toBe(true);
  });

  it('target-encodes training rows out of fold and held-out rows with the fit on every training row', () => {
    const table = fixedTable();
    const p = prepareTrainingData(table, options);
    const enc = p.encoding.columns[3] as Extract<ColumnEncoding, { kind: 'target-encoding' }>;
    const big = Array.from({ length: table.numRows }, (_, i) => table.getChild('big')!.get(i) as string);
    const labels = Float32Array.from({ length: table.numRows }, (_, i) => (table.getChild('y')!.get(i) === 'yes' ? 1 : 0));
    const j = p.encoding.featureNames.indexOf('big');
    const train = p.train.features as Float32Array[];
    for (const fold of targetFolds(p.rows.train, 3)) {
      const others = Array.from(p.rows.train).filter((r) => !fold.includes(r));
      const prior = others.reduce((s, r) => s + labels[r], 0) / others.length;
      for (const r of fold) {
        const same = others.filter((o) => big[o] === big[r]);
        const want = (same.reduce((s, o) => s + labels[o], 0) + 10 * prior) / (same.length + 10);
        expect(train[j][p.rows.train.indexOf(r)]).toBe(f(want));
      }
    }
    const validation = p.validation!.features as Float32Array[];
    p.rows.validation!.forEach((r, i) => {
      const k = enc.categories.indexOf(big[r]);
      expect(validation[j][i]).toBe(f(k < 0 ? enc.prior[0] : enc.values[k]));
    });
  });

  it('without a target, high-cardinality categories are ordinal; scale standardizes numbers from the training rows', () => {
    const p = prepareTrainingData(fixedTable(), { types: TYPES, preprocessing: 'autopilot', scale: true, ngramBuckets: 16, ngramTf: true, split: { validationFraction: 0.25, seed: 3 } });
    // y is a feature here (no target): a yes/no column, read as boolean.
    expect(p.encoding.columns.map((c) => [c.name, c.kind])).toEqual([
      ['num', 'scaled'], ['int', 'scaled'], ['small', 'one-hot'], ['big', 'ordinal'], ['flag', 'boolean'], ['day', 'date-parts'], ['note', 'hashed-ngrams'], ['y', 'boolean'],
    ]);
    const num = p.encoding.columns[0] as Extract<ColumnEncoding, { kind: 'scaled' }>;
    const table = fixedTable();
    const values = Array.from(p.rows.train, (r) => table.getChild('num')!.get(r) as number | null).filter((v): v is number => v !== null);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(num.mean).toBeCloseTo(mean, 12);
    expect(num.std).toBeCloseTo(Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length), 12);
    expect(p.encoding.columns[6]).toEqual({ name: 'note', kind: 'hashed-ngrams', buckets: 16, tf: true });
  });

  it('sparse jobs (categorical one-hot) hold the same values as the dense matrix', () => {
    const dense = prepareTrainingData(fixedTable(), { ...options, scale: true });
    const sparse = prepareTrainingData(fixedTable(), { ...options, scale: true, categorical: 'one-hot' });
    const kinds = sparse.encoding.columns.map((c) => c.kind);
    expect(kinds).toEqual(['scaled', 'scaled', 'one-hot', 'one-hot', 'boolean', 'date-parts', 'hashed-ngrams']);
    const s = sparse.train.sparse!;
    const cols = dense.train.features as Float32Array[];
    // Columns after the two one-hot blocks line up: compare the date parts and n-gram buckets row by row.
    const denseStart = dense.encoding.featureNames.indexOf('day.month');
    const sparseStart = sparse.encoding.featureNames.indexOf('day.month');
    expect(denseStart).toBeGreaterThan(0);
    for (let i = 0; i < s.nRows; i++) {
      const row = new Map<number, number>();
      for (let e = s.indptr[i]; e < s.indptr[i + 1]; e++) row.set(s.indices[e], s.values[e]);
      for (let k = 0; k < 4 + 64; k++) expect(row.get(sparseStart + k) ?? 0).toBe(cols[denseStart + k][i]);
    }
  });

  it('refuses bad options, naming them', () => {
    expect(() => prepareTrainingData(fixedTable(), { target: 'y', preprocessing: 'fancy' as never })).toThrow('preprocessing must be "default" or "autopilot"; got "fancy"');
    expect(() => prepareTrainingData(fixedTable(), { target: 'y', scale: 'yes' as never })).toThrow('scale must be true or false');
    expect(() => prepareTrainingData(fixedTable(), { target: 'y', ngramBuckets: 0 })).toThrow('ngramBuckets must be an integer from 1 to 4096; got 0');
  });

  it('refuses a model file whose target encoding is inconsistent', () => {
    const enc = { columns: [{ name: 'c', kind: 'target-encoding', categories: ['a', 'b'], values: [0.5], prior: [0.4], smoothing: 10 }], featureNames: ['c'] };
    expect(() => readEncoding({ attributes: { mlpad_encoding: JSON.stringify(enc) } })).toThrow(/column "c" \(target-encoding\) needs categories, one prior per output and one value per category and output/);
    const parts = { columns: [{ name: 'd', kind: 'date-parts', parts: ['minute'] }], featureNames: ['d.minute'] };
    expect(() => readEncoding({ attributes: { mlpad_encoding: JSON.stringify(parts) } })).toThrow(/needs parts among year, month, day, weekday, hour/);
  });
});

describe('a model trained with autopilot preprocessing, through the model file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlpad-autopilot-enc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function csv(t: Table, columns: string[]): string {
    const cell = (v: unknown) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    const lines = [columns.join(',')];
    for (let i = 0; i < t.numRows; i++) lines.push(columns.map((c) => cell(t.getChild(c)!.get(i))).join(','));
    return lines.join('\n') + '\n';
  }

  it('`mlpad train --preprocessing` takes default or autopilot only', async () => {
    const r = await runMlpad('train', '--train', join(dir, 'none.csv'), '--target', 'y', '--preprocessing', 'fancy');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--preprocessing must be default or autopilot; got "fancy"');
  });

  it('`mlpad train --preprocessing autopilot --scale` then `mlpad predict` equals in-process inference on the saved file', async () => {
    const table = fixedTable();
    const columns = ['num', 'int', 'small', 'big', 'flag', 'day', 'note', 'id', 'y'];
    writeFileSync(join(dir, 'train.csv'), csv(table, columns));
    const fresh = csv(table, columns.filter((c) => c !== 'y')).split('\n');
    // New rows: an unseen city, a missing city, a missing date and missing text.
    fresh.push('1.5,3,red,city999,true,2023-06-01T10:00:00Z,brand new words,row-x', '-2,7,,,false,,,row-y');
    writeFileSync(join(dir, 'new.csv'), fresh.filter((l) => l !== '').join('\n') + '\n');
    const trained = await runMlpad('train', '--algorithm', 'linear-learner', '--train', join(dir, 'train.csv'), '--target', 'y', '--hp', 'epochs=3',
      '--preprocessing', 'autopilot', '--scale', '--model-out', join(dir, 'm.json'), '--metrics-out', join(dir, 'metrics.json'));
    expect(trained.stderr).not.toMatch(/error/i);
    expect(trained.code).toBe(0);
    const bytes = new Uint8Array(readFileSync(join(dir, 'm.json')));
    const estimator = getAlgorithm(detectAlgorithm(bytes));
    const model = estimator.deserialize(bytes);
    const encoding = encodingFromAttributes(estimator.attributes(model))!;
    expect(encoding.columns.map((c) => c.kind)).toEqual(['scaled', 'scaled', 'one-hot', 'target-encoding', 'boolean', 'date-parts', 'hashed-ngrams']);
    const predicted = await runMlpad('predict', '--model', join(dir, 'm.json'), '--data', join(dir, 'new.csv'));
    expect(predicted.stderr).toBe('');
    expect(predicted.code).toBe(0);
    const lines = predicted.stdout.trim().split('\n').slice(1);
    expect(lines).toHaveLength(122);
    const { loadBytes } = await import('../../../../src/lib/data/index.ts');
    const loaded = await loadBytes('new.csv', new Uint8Array(readFileSync(join(dir, 'new.csv'))), {});
    const x = modelFeatures(loaded.table, encoding, [], estimator.featureCount(model), 'new.csv');
    const inf = await estimator.infer(model, x);
    if (inf.kind !== 'classification') throw new Error('expected a classifier');
    lines.forEach((line, i) => {
      const [label, , pYes] = line.split(',');
      expect(label).toBe(encoding.classes![inf.predictedLabel[i]]);
      // The predictions CSV prints float32 probabilities in their shortest round-trip form: equal as float32.
      expect(f(Number(pYes))).toBe(inf.probabilities[i]);
    });

    // The deploy engine: text is a category-like input without a list; a datetime sent as epoch seconds reads as the ISO text does.
    const deployed = await loadDeployModel(bytes, 'm.json');
    expect(deployed.facts.inputs.map((i) => [i.name, i.type, i.categories?.length ?? null])).toEqual([
      ['num', 'number', null], ['int', 'number', null], ['small', 'category', 3], ['big', 'category', (encoding.columns[3] as { categories: string[] }).categories.length],
      ['flag', 'number', null], ['day', 'number', null], ['note', 'category', null],
    ]);
    const seconds = Float64Array.from({ length: loaded.table.numRows }, (_, i) => {
      const t = loaded.table.getChild('day')!.get(i) as unknown;
      // The CSV loader reads ISO datetimes as timestamps (epoch ms); plain text would need parsing.
      return t === null ? NaN : typeof t === 'number' || typeof t === 'bigint' ? Number(t) / 1000 : Date.parse(String(t)) / 1000;
    });
    const withSeconds = Object.fromEntries(loaded.table.schema.fields.map((fl) => [fl.name, fl.name === 'day' ? makeVector(seconds) : loaded.table.getChild(fl.name)!]));
    expect(seconds.filter((v) => v === v).length).toBe(121);
    const served = await score(deployed, new ArrowTable(withSeconds));
    if (served.kind !== 'classification') throw new Error('expected a classifier');
    expect(Array.from(served.probabilities)).toEqual(Array.from(inf.probabilities));
  });
});
