// The exported ES module of every registry algorithm, imported by a separate Node process, answers the same
// raw rows as mlpad's own inference (estimator.infer after modelFeatures) on TensorFlow.js's CPU backend
// (and, for the TensorFlow.js algorithms, on its wasm backend too): labels and clusters exactly, numbers
// within 1e-6 (relative above 1), also for models trained with Autopilot's preprocessing (date parts, target
// encoding, hashed n-grams, scaling). Then the module's contract: no
// imports, metadata, a row that lacks inputs, unknown categories, bad rows and bad options.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportModule } from '../../../src/lib/deploy/export-module.ts';
import { algorithmNames, getAlgorithm } from '../../../src/lib/ml/registry.ts';
import {
  AUTOPILOT_INPUTS, autopilotPredictionRows, compareRecords, INPUTS, mlpadInference, predictionRows, recordsOf, trainModel, type ExportCase, type RecordOut, type Row,
} from './export-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'mlpad-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A plain Node process imports the module: no test runner transform in between.
const RUNNER = join(dir, 'run.mjs');
writeFileSync(RUNNER, `import { readFileSync } from 'node:fs';
const m = await import(process.argv[2]);
const rows = JSON.parse(readFileSync(process.argv[3], 'utf8'));
process.stdout.write(JSON.stringify({ records: m.predictBatch(rows), metadata: m.metadata, one: m.metadata.sequential ? null : m.predict(rows[0]) }));
`);

function runInNode(code: string, fileName: string, rows: readonly Row[]): { records: RecordOut[]; metadata: Record<string, unknown>; one: RecordOut | null } {
  const file = join(dir, fileName);
  writeFileSync(file, code);
  writeFileSync(join(dir, 'rows.json'), JSON.stringify(rows));
  return JSON.parse(execFileSync(process.execPath, [RUNNER, pathToFileURL(file).href, join(dir, 'rows.json')], { encoding: 'utf8' }));
}

const CASES: ExportCase[] = [
  { algorithm: 'xgboost', task: 'binary', hp: { num_round: '20', max_depth: '3' } },
  { algorithm: 'xgboost', task: 'multiclass', hp: { num_round: '10', max_depth: '3' } },
  { algorithm: 'xgboost', task: 'regression', hp: { num_round: '200', eta: '0.5', early_stopping_rounds: '3' }, label: 'regression, early-stopped' },
  { algorithm: 'linear-learner', task: 'binary', hp: { epochs: '5' } },
  { algorithm: 'linear-learner', task: 'multiclass', hp: { epochs: '5' } },
  { algorithm: 'linear-learner', task: 'regression', hp: { epochs: '5' } },
  { algorithm: 'knn', task: 'binary', hp: { k: '5' } },
  { algorithm: 'knn', task: 'multiclass', hp: { k: '4', dimension_reduction_type: 'sign', dimension_reduction_target: '3' }, label: 'multiclass, sign projection' },
  { algorithm: 'knn', task: 'regression', hp: { k: '5', dimension_reduction_type: 'fjlt', dimension_reduction_target: '4' }, label: 'regression, fjlt projection' },
  { algorithm: 'kmeans', hp: { k: '3' } },
  { algorithm: 'pca', hp: { num_components: '3' } },
  { algorithm: 'randomcutforest', hp: { num_trees: '50', num_samples_per_tree: '64' } },
  { algorithm: 'randomcutforest', hp: { num_trees: '50', num_samples_per_tree: '32', shingle_size: '3' }, label: 'shingle_size 3' },
  { algorithm: 'factorization-machines', task: 'binary', hp: { num_factors: '4', epochs: '5' } },
  { algorithm: 'factorization-machines', task: 'regression', hp: { num_factors: '4', epochs: '5' } },
  { algorithm: 'mlp', task: 'binary', hp: { epochs: '5', hidden_units: '8' } },
  { algorithm: 'mlp', task: 'multiclass', hp: { epochs: '5', hidden_units: '8', hidden_layers: '2', batch_norm: 'true', activation: 'tanh' }, label: 'multiclass, batch norm, tanh' },
  { algorithm: 'mlp', task: 'regression', hp: { epochs: '5', hidden_units: '8' } },
  // Autopilot's preprocessing: date parts, a target-encoded city (multiclass: one feature per class), hashed n-grams, scaling.
  { algorithm: 'xgboost', task: 'binary', hp: { num_round: '20', max_depth: '3' }, preprocessing: 'autopilot', label: 'binary, autopilot preprocessing' },
  { algorithm: 'linear-learner', task: 'multiclass', hp: { epochs: '5' }, preprocessing: 'autopilot', scale: true, label: 'multiclass, autopilot preprocessing, scaled' },
  { algorithm: 'mlp', task: 'regression', hp: { epochs: '5', hidden_units: '8' }, preprocessing: 'autopilot', scale: true, label: 'regression, autopilot preprocessing, scaled' },
];

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('exportModule', () => {
  it('has a case for every registry algorithm', () => {
    expect(new Set(CASES.map((c) => c.algorithm))).toEqual(new Set(algorithmNames()));
  });

  for (const c of CASES) {
    const autopilot = c.preprocessing === 'autopilot';
    const rows = autopilot ? autopilotPredictionRows() : predictionRows();
    const inputs: readonly string[] = autopilot ? AUTOPILOT_INPUTS : INPUTS;
    it(`${c.algorithm} (${c.label ?? c.task ?? 'unsupervised'}): the module imported in Node predicts as mlpad to 1e-6, labels exactly`, async () => {
      const bytes = await trainModel(c);
      const { code, fileName } = exportModule(bytes, { name: `${c.algorithm}-${c.task ?? 'model'}` });
      expect(code).not.toMatch(/^\s*import\b/m);
      const { records, metadata, one } = runInNode(code, fileName, rows);
      const { inference, classes } = await mlpadInference(bytes, rows, inputs);
      const result = compareRecords(records, recordsOf(inference, rows.length, classes));
      expect(result.problems).toEqual([]);
      console.log(`${c.algorithm} ${c.label ?? c.task ?? ''}: ${(code.length / 1024).toFixed(1)} KiB, ${result.exact}/${result.values} values bit-identical, max relative diff ${result.maxDiff.toExponential(2)}`);
      expect(metadata.algorithm).toBe(c.algorithm);
      expect((metadata.inputs as { name: string }[]).map((i) => i.name)).toEqual([...inputs]);
      if (autopilot) {
        const kinds = (metadata.inputs as { encoding: string }[]).map((i) => i.encoding);
        expect(kinds).toEqual([c.scale ? 'scaled' : 'numeric', c.scale ? 'scaled' : 'numeric', 'one-hot', 'boolean', 'date-parts', 'target-encoding', 'hashed-ngrams']);
      }
      if (c.task === 'binary') expect(metadata.classes).toEqual(['no', 'yes']);
      if (one) expect(one).toEqual(records[0]);
      // mlpad on the wasm backend (XNNPACK's summation order) stays within the same tolerance, wherever mlpad's
      // own cpu and wasm answers agree to it (an ill-conditioned model, e.g. factorization machines on raw epoch
      // seconds, differs between mlpad's own backends by far more; the module then reproduces the cpu backend).
      if (getAlgorithm(c.algorithm).compute === 'tfjs') {
        await tf.setBackend('wasm');
        try {
          const wasm = await mlpadInference(bytes, rows, inputs);
          const wasmRecords = recordsOf(wasm.inference, rows.length, wasm.classes);
          const backends = compareRecords(recordsOf(inference, rows.length, classes), wasmRecords);
          const onWasm = compareRecords(records, wasmRecords);
          console.log(`  vs mlpad on wasm: ${onWasm.exact}/${onWasm.values} bit-identical, max relative diff ${onWasm.maxDiff.toExponential(2)} (mlpad cpu vs wasm: ${backends.maxDiff.toExponential(2)})`);
          if (backends.problems.length === 0) expect(onWasm.problems).toEqual([]);
        } finally {
          await tf.setBackend('cpu');
        }
      }
    });
  }
});

describe('the exported module\'s contract', () => {
  let bytes: Uint8Array;
  let mod: { predict(row: unknown): RecordOut; predictBatch(rows: unknown): RecordOut[]; metadata: Record<string, unknown> };
  beforeAll(async () => {
    bytes = await trainModel({ algorithm: 'linear-learner', task: 'binary', hp: { epochs: '3' } });
    const { code } = exportModule(bytes, { name: 'contract', mlpadVersion: '9.9.9', date: new Date('2025-01-02T03:04:05Z') });
    const file = join(dir, 'contract.mjs');
    writeFileSync(file, code);
    mod = await import(/* @vite-ignore */ pathToFileURL(file).href);
  });

  it('records the algorithm, task, target, classes, fields, version and export date in metadata', () => {
    expect(mod.metadata).toMatchObject({
      algorithm: 'linear-learner', kind: 'supervised', task: 'binary', target: 'yb', classes: ['no', 'yes'],
      fields: ['predicted_label', 'score', 'probabilities'], mlpadVersion: '9.9.9', exportedAt: '2025-01-02T03:04:05.000Z',
    });
    expect((mod.metadata.inputs as unknown[])[2]).toEqual({ name: 'c', type: 'category', encoding: 'one-hot', categories: ['amber', 'blue', 'green', 'red'] });
    expect(Object.isFrozen(mod.metadata)).toBe(true);
  });

  it('treats an input the row lacks as missing: the same answer as an explicit null', async () => {
    const full = { a: 0.3, b: 12, c: 'green', flag: true, day: '2024-03-12' };
    const { b: _b, ...lacking } = full;
    expect(mod.predict(lacking)).toEqual(mod.predict({ ...full, b: null }));
    const { inference, classes } = await mlpadInference(bytes, [{ ...full, b: null }]);
    expect(compareRecords([mod.predict(lacking)], recordsOf(inference, 1, classes)).problems).toEqual([]);
  });

  it('encodes an unseen category as mlpad does (no one-hot feature set), unlike a missing one (training means)', async () => {
    const rows = [{ a: 0.3, b: 12, c: 'purple', flag: true, day: '2024-03-12' }, { a: 0.3, b: 12, c: null, flag: true, day: '2024-03-12' }];
    const got = mod.predictBatch(rows);
    const { inference, classes } = await mlpadInference(bytes, rows);
    expect(compareRecords(got, recordsOf(inference, 2, classes)).problems).toEqual([]);
    expect(got[0].score).not.toBe(got[1].score);
  });

  it('reads numbers given as text, yes/no booleans and Date objects as mlpad\'s loaders would', () => {
    const base = mod.predict({ a: 0.25, b: 7, c: 'red', flag: true, day: '2024-03-12T00:00:00Z' });
    expect(mod.predict({ a: '0.25', b: ' 7 ', c: 'red', flag: 'yes', day: new Date('2024-03-12T00:00:00Z') } as never)).toEqual(base);
  });

  it('refuses bad rows with a sentence naming the row and the input', () => {
    expect(() => mod.predict({ a: 'abc', b: 1, c: 'red', flag: true, day: '2024-01-01' })).toThrow(/row 0: column "a" is numeric but holds "abc"; send a number, or null/);
    expect(() => mod.predictBatch([{ a: 1 }, 42])).toThrow(/row 1 must be an object of column values keyed by input name/);
    expect(() => mod.predictBatch({ a: 1 })).toThrow(/predictBatch\(rows\): rows must be an array/);
    expect(() => mod.predict({ a: Infinity, b: 1 })).toThrow(/row 0: feature "a" is Infinity; this model needs a finite number/);
  });

  it('exportModule refuses what is not a model, and bad options, naming the argument', () => {
    expect(() => exportModule('model' as never)).toThrow(/exportModule: modelBytes must be a Uint8Array/);
    expect(() => exportModule(new Uint8Array())).toThrow(/exportModule: modelBytes is empty/);
    expect(() => exportModule(new TextEncoder().encode('{"x":1}'))).toThrow(/exportModule: the model file is neither an mlpad model/);
    expect(() => exportModule(new TextEncoder().encode('{"format":"mlpad-model","algorithm":"svm","version":1,"attributes":{},"model":{}}'))).toThrow(/names algorithm "svm", which this mlpad does not know/);
    expect(() => exportModule(bytes, { name: '../evil' })).toThrow(/options.name must be 1–100 letters/);
    expect(() => exportModule(bytes, { date: new Date(NaN) })).toThrow(/options.date must be a valid Date/);
  });

  it('keeps category text from the data inert: a category named "</script>" or with quotes cannot end the module\'s code', async () => {
    const { code } = exportModule(bytes);
    expect(code).not.toContain('</script');
    const evil = JSON.parse(new TextDecoder().decode(bytes));
    const enc = JSON.parse(evil.attributes.mlpad_encoding);
    enc.columns[2].categories[0] = '</script>"; globalThis.pwned = 1; "';
    evil.attributes.mlpad_encoding = JSON.stringify(enc);
    const out = exportModule(new TextEncoder().encode(JSON.stringify(evil)));
    expect(out.code).not.toContain('</script');
    const file = join(dir, 'evil.mjs');
    writeFileSync(file, out.code);
    const m = await import(/* @vite-ignore */ pathToFileURL(file).href);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
    expect(m.metadata.inputs[2].categories[0]).toBe('</script>"; globalThis.pwned = 1; "');
  });
});
