// Clarify on models trained with Autopilot's preprocessing: explanations stay in the data's columns. A
// target-encoded city (one feature, or one per class), a datetime's parts and a text's n-gram buckets are
// each one explained column: TreeSHAP's per-feature values are summed back to them (checked against the raw
// contributions, and against the margin: the sum of a row's values plus the expected value), Kernel SHAP
// varies each as one player (its values add up to the model's output), and the explanation space turns its
// rows back into exactly the model's features. Tolerances: sums 1e-9 relative to the margin (float64
// additions in another order); Kernel SHAP's efficiency 1e-6.
import type { Table } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { explainSpace, packDate, portableSpace, spaceRows, spaceToFeatures, spaceValueText, unpackDate } from '../../../src/lib/clarify/explain-space.ts';
import { explainedOutputs, loadModel, modelInputs } from '../../../src/lib/clarify/loaded-model.ts';
import { runShapJob } from '../../../src/lib/clarify/shap-job.ts';
import { runTrainingJob } from '../../../src/lib/engine/run-job.ts';
import { featureColumns } from '../../../src/lib/ml/matrix.ts';
import { featureCountOf } from '../../../src/lib/ml/prepare/index.ts';
import type { DatePart } from '../../../src/lib/ml/prepare/types.ts';
import { AUTOPILOT_INPUTS, makeAutopilotRows, tableOf, TARGETS } from '../deploy/export-fixtures.ts';

const TYPES = { day: 'datetime', c: 'categorical', flag: 'boolean', city: 'categorical', note: 'text' } as const;

async function train(algorithm: string, task: keyof typeof TARGETS, hp: Record<string, string>): Promise<Uint8Array> {
  const target = TARGETS[task];
  const rows = makeAutopilotRows(200, 7);
  // Hours too, so the datetime has five varying parts (weekday packed apart from year/month/day).
  rows.forEach((r, i) => { r.day = `${2022 + (i % 3)}-0${1 + (i % 9)}-1${i % 10}T${String(i % 24).padStart(2, '0')}:00:00Z`; });
  const result = await runTrainingJob({ train: tableOf(rows, [...AUTOPILOT_INPUTS, target]) }, {
    algorithm, hyperparameters: hp,
    prepare: { target, features: [...AUTOPILOT_INPUTS], types: TYPES, split: { validationFraction: 0.2, seed: 1 }, preprocessing: 'autopilot' },
  });
  return result.model;
}

function explainRows(): Table {
  const rows = makeAutopilotRows(30, 99);
  rows.push({ a: 0.5, b: 10, c: 'red', flag: true, day: '2023-05-15T08:00:00Z', city: 'city-unknown', note: 'completely new words' });
  rows.push({ a: null, b: 30, c: null, flag: false, day: null, city: null, note: null });
  return tableOf(rows, AUTOPILOT_INPUTS);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('TreeSHAP on an autopilot-preprocessed XGBoost model', () => {
  for (const task of ['binary', 'multiclass'] as const) {
    it(`${task}: one value per data column, each the sum of its features' contributions; a row's values and the bias add to the margin`, async () => {
      const m = await loadModel(await train('xgboost', task, { num_round: '15', max_depth: '3' }), 'model.json');
      const enc = m.encoding!;
      expect(enc.columns.map((c) => c.kind)).toEqual(['numeric', 'numeric', 'one-hot', 'boolean', 'date-parts', 'target-encoding', 'hashed-ngrams']);
      expect(m.space.names).toEqual([...AUTOPILOT_INPUTS]);
      const counts = enc.columns.map(featureCountOf);
      expect(counts[4]).toBe(5);
      expect(counts[5]).toBe(task === 'multiclass' ? 3 : 1);
      expect(counts[6]).toBe(64);
      const table = explainRows();
      const r = await runShapJob(table, m, { method: 'tree' });
      expect(r.method).toBe('tree_shap');
      expect(r.features).toEqual([...AUTOPILOT_INPUTS]);
      const { x } = modelInputs(m, table);
      const raw = m.estimator.contributions!(m.model, x);
      const g = raw.groups, f1 = raw.features + 1, c = AUTOPILOT_INPUTS.length;
      expect(g).toBe(task === 'multiclass' ? 3 : 1);
      for (let i = 0; i < r.rows; i++) {
        for (let o = 0; o < g; o++) {
          const base = (i * g + o) * f1;
          let start = 0, margin = raw.values[base + f1 - 1], total = r.expectedValue[o];
          counts.forEach((count, j) => {
            let sum = 0;
            for (let k = 0; k < count; k++) { sum += raw.values[base + start + k]; margin += raw.values[base + start + k]; }
            start += count;
            const v = r.values[(i * g + o) * c + j];
            total += v;
            expect(Math.abs(v - sum)).toBeLessThanOrEqual(1e-12);
          });
          expect(Math.abs(total - margin)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(margin)));
        }
      }
      // The text and the date carry weight in the global values (they are real columns of the explanation).
      expect(r.global.length).toBe(g * c);
    });
  }
});

describe('Kernel SHAP on an autopilot-preprocessed model', () => {
  it('varies each data column as one player; values add up to the model\'s output (efficiency)', async () => {
    const m = await loadModel(await train('linear-learner', 'binary', { epochs: '3' }), 'model.json');
    const table = explainRows();
    const r = await runShapJob(table, m, { method: 'kernel', numClusters: 5, maxRows: 8 });
    expect(r.method).toBe('kernel_shap');
    expect(r.features).toEqual([...AUTOPILOT_INPUTS]);
    const { x } = modelInputs(m, table.slice(0, 8));
    const out = explainedOutputs(await m.estimator.infer(m.model, x), 8, 1);
    const c = r.features.length;
    for (let i = 0; i < r.rows; i++) {
      let sum = r.expectedValue[0];
      for (let j = 0; j < c; j++) sum += r.values[i * c + j];
      expect(Math.abs(sum - out[i])).toBeLessThanOrEqual(1e-6);
    }
  });
});

describe('the explanation space of the autopilot kinds', () => {
  it('turns the model\'s features into one value per column and back, exactly (date parts, target codes, n-gram texts)', async () => {
    const m = await loadModel(await train('xgboost', 'multiclass', { num_round: '5', max_depth: '2' }), 'model.json');
    const { x, rows } = modelInputs(m, explainRows());
    const back = spaceToFeatures(m.space, rows, x.nRows);
    const want = featureColumns(x);
    const got = back.features as Float32Array;
    for (let i = 0; i < x.nRows; i++) for (let k = 0; k < want.length; k++) expect(Object.is(got[i * x.nCols + k], want[k][i]) || got[i * x.nCols + k] === want[k][i]).toBe(true);
    const c = AUTOPILOT_INPUTS.length;
    const n = x.nRows;
    // Row n − 2: an unseen city; row n − 1: everything missing.
    expect(spaceValueText(m.space, 5, rows[(n - 2) * c + 5])).toBe('(unseen or missing)');
    expect(spaceValueText(m.space, 5, rows[(n - 1) * c + 5])).toBe('(unseen or missing)');
    expect(spaceValueText(m.space, 4, rows[(n - 2) * c + 4])).toBe('year 2023, month 5, day 15, weekday 1, hour 8');
    expect(spaceValueText(m.space, 4, rows[(n - 1) * c + 4])).toBe('');
    expect(spaceValueText(m.space, 6, rows[(n - 1) * c + 6])).toMatch(/^text #\d+ \(0 n-grams\)$/);
    expect(spaceValueText(m.space, 6, rows[(n - 2) * c + 6])).toMatch(/^text #\d+ \(5 n-grams\)$/);
    const city = m.encoding!.columns[5];
    if (city.kind !== 'target-encoding') throw new Error('expected a target-encoded city');
    const known = rows[5];
    expect(known).toBeGreaterThanOrEqual(0);
    expect(city.categories[known]).toBe(String(explainRows().getChild('city')!.get(0)));
  });

  it('packs date parts into one float32-exact integer that orders as time and unpacks, deriving the weekday', () => {
    const all: DatePart[] = ['year', 'month', 'day', 'weekday', 'hour'];
    const a = packDate(all, [2024, 3, 12, 2, 14]);
    const b = packDate(all, [2024, 3, 12, 2, 15]);
    const c = packDate(all, [2025, 1, 1, 3, 0]);
    expect(a < b && b < c).toBe(true);
    expect(Math.fround(c)).toBe(c);
    expect(unpackDate(all, a)).toEqual([2024, 3, 12, 2, 14]);
    expect(unpackDate(['month', 'weekday'], packDate(['month', 'weekday'], [11, 6]))).toEqual([11, 6]);
    expect(unpackDate(['year'], packDate(['year'], [1999]))).toEqual([1999]);
    expect(packDate(['hour'], [NaN])).toBeNaN();
    expect(unpackDate(['hour', 'day'], NaN)).toEqual([NaN, NaN]);
  });

  it('says when its n-gram codes cannot be decoded by another copy of the model (an inference pool member)', () => {
    const encoding = { columns: [{ name: 'note', kind: 'hashed-ngrams' as const, buckets: 4, tf: false }], featureNames: ['note#0', 'note#1', 'note#2', 'note#3'] };
    const here = explainSpace(encoding, [], 4);
    expect(portableSpace(here)).toBe(true);
    const x = { features: [Float32Array.of(1, 0), Float32Array.of(0, 0), Float32Array.of(2, 0), Float32Array.of(0, 0)], nRows: 2, nCols: 4 };
    const rows = spaceRows(here, x);
    expect(Array.from(rows)).toEqual([0, 1]);
    expect(portableSpace(here)).toBe(false);
    expect(Array.from(spaceToFeatures(here, rows, 2).features as Float32Array)).toEqual([1, 0, 2, 0, 0, 0, 0, 0]);
    const elsewhere = explainSpace(encoding, [], 4);
    expect(() => spaceToFeatures(elsewhere, rows, 2)).toThrow(/text column "note": explanation value 0 is not a text this copy of the model has read/);
  });

  it('keeps the explanation of default-encoded models as it was (one-hot codes, numbers)', () => {
    const s = explainSpace({ columns: [{ name: 'n', kind: 'numeric' }, { name: 'k', kind: 'one-hot', categories: ['a', 'b'] }], featureNames: ['n', 'k=a', 'k=b'] }, [], 3);
    expect(s.categories).toEqual([null, ['a', 'b']]);
    const rows = spaceRows(s, { features: [Float32Array.of(1.5), Float32Array.of(0), Float32Array.of(1)], nRows: 1, nCols: 3 });
    expect(Array.from(rows)).toEqual([1.5, 1]);
  });
});

describe('Clarify bias with an autopilot-preprocessed model', () => {
  it('computes post-training bias, FT included, with date-part and n-gram features named by the encoding', async () => {
    const { runBiasJob } = await import('../../../src/lib/clarify/bias-job.ts');
    const m = await loadModel(await train('xgboost', 'binary', { num_round: '10', max_depth: '3' }), 'model.json');
    const rows = makeAutopilotRows(120, 5);
    const table = tableOf(rows, [...AUTOPILOT_INPUTS, TARGETS.binary]);
    const r = await runBiasJob(table, { label: TARGETS.binary, labelValuesOrThreshold: ['yes'], facet: 'c' }, m);
    const results = Object.values(r.post?.facets ?? {}).flat();
    const names = results.flatMap((f) => f.metrics.map((x) => x.name));
    const ft = results.flatMap((f) => f.metrics).find((x) => x.name === 'FT');
    expect(ft?.error ?? null).toBeNull();
    expect(names).toContain('FT');
    expect(names).toContain('DPPL');
  });
});
