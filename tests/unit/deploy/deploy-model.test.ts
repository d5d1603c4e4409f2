// A model made ready to serve: the facts an endpoint needs (inputs in headerless-CSV order, classes, fields,
// default Accept), scoring through modelFeatures, a native XGBoost model answering native XGBoost's own
// predictions, TensorFlow.js started only through the injected hook, and errors naming the model file.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { loadDeployModel, ModelDataError, score } from '../../../src/lib/deploy/deploy-model.ts';
import { parsePayload } from '../../../src/lib/deploy/payload.ts';
import { formatResponse } from '../../../src/lib/deploy/response.ts';
import { initTrainingBackend } from '../../../src/lib/compute/training-backend.ts';
import { runMlpad } from '../cli/run-mlpad.ts';
import { CASES, tempDir, trainTiny } from './tiny-models.ts';

const dir = tempDir('mlpad-deploy-model-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/ml/${name}`, import.meta.url)));
const read = (p: string) => new Uint8Array(readFileSync(p));
let llPath = '';
let xgbPath = '';
beforeAll(async () => {
  llPath = await trainTiny(dir, CASES.find((c) => c.name === 'linear-learner')!);
  xgbPath = await trainTiny(dir, CASES.find((c) => c.name === 'xgboost')!);
}, 120_000);

describe('loadDeployModel', () => {
  it('an mlpad model\'s inputs are its encoding\'s raw columns in order, with categories, classes and SageMaker fields', async () => {
    const m = await loadDeployModel(read(llPath), 'll.json', { tensorflow: (allowed) => initTrainingBackend('auto', { allowed }) });
    expect(m.facts).toEqual({
      algorithm: 'linear-learner', kind: 'supervised', task: 'binary', target: 'label', classes: ['no', 'yes'],
      inputs: [{ name: 'a', type: 'number' }, { name: 'b', type: 'number' }, { name: 'c', type: 'number' }, { name: 'color', type: 'category', categories: ['blue', 'green', 'red'] }],
      fields: ['score', 'predicted_label'], defaultAccept: 'application/json',
    });
    expect(m.positional).toBe(false);
  });

  it('a native XGBoost model without feature names reads f0…fN−1 by position, and answers native XGBoost\'s probabilities to 1e-6', async () => {
    const m = await loadDeployModel(fixture('multiclass.model.json'), 'multiclass.model.json');
    expect(m.positional).toBe(true);
    expect(m.facts.inputs.map((i) => i.name)).toEqual(['f0', 'f1', 'f2', 'f3']);
    expect(m.facts.task).toBe('multiclass');
    expect(m.facts.classes).toEqual(['0', '1', '2']);
    expect(m.facts.defaultAccept).toBe('text/csv');
    const data = JSON.parse(new TextDecoder().decode(fixture('multiclass.data.json'))) as { X: (number | null)[][]; preds: number[] };
    const body = data.X.map((row) => row.map((v) => (v === null ? '' : String(v))).join(',')).join('\n');
    const table = parsePayload({ body, contentType: 'text/csv' }, m.facts);
    const out = formatResponse(m.facts, await score(m, table), table.numRows);
    const lines = out.body.trimEnd().split('\n');
    expect(lines).toHaveLength(60);
    lines.forEach((l, i) => l.split(',').map(Number).forEach((p, k) => expect(Math.abs(p - data.preds[i * 3 + k])).toBeLessThanOrEqual(1e-6)));
  });

  it('starts TensorFlow.js through the hook once, with the estimator\'s backends, and never for a CPU algorithm', async () => {
    const calls: unknown[] = [];
    const hook = async (allowed?: readonly string[]) => { calls.push(allowed); await initTrainingBackend('auto', { allowed: allowed as never }); };
    const ll = await loadDeployModel(read(llPath), 'll.json', { tensorflow: hook });
    const { table } = await loadBytes('x.csv', new TextEncoder().encode('a,b,c,color\n1,2,0.5,red\n'));
    await score(ll, table);
    await score(ll, table);
    expect(calls).toHaveLength(1);
    const xgb = await loadDeployModel(read(xgbPath), 'xgb.json', { tensorflow: hook });
    await score(xgb, table);
    expect(calls).toHaveLength(1);
  });

  it('a file that is not a model is a ModelDataError naming it', async () => {
    await expect(loadDeployModel(new TextEncoder().encode('not json'), 'models/bad.json')).rejects.toThrow(/^models\/bad\.json: the model file is not JSON/);
    await expect(loadDeployModel(new TextEncoder().encode('{"format":"mlpad-model","algorithm":"nope","version":1}'), 'x.json')).rejects.toThrow(ModelDataError);
  });

  it('a table without the model\'s columns is a ModelDataError naming the model file and the columns', async () => {
    const m = await loadDeployModel(read(xgbPath), 'xgb.json');
    const { table } = await loadBytes('x.csv', new TextEncoder().encode('a,b\n1,2\n'));
    await expect(score(m, table)).rejects.toThrow(ModelDataError);
    await expect(score(m, table)).rejects.toThrow(/the data for xgb\.json: .*lacks feature columns "c", "color"/);
  });

  it('a datetime input given as epoch seconds scores as the same instant given as ISO text', async () => {
    const lines = ['when,x,label'];
    for (let i = 0; i < 120; i++) lines.push(`${new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10)},${(i % 7) / 7},${i > 60 ? 'late' : 'early'}`);
    writeFileSync(join(dir, 'dates.csv'), `${lines.join('\n')}\n`);
    const r = await runMlpad('train', '--train', join(dir, 'dates.csv'), '--target', 'label', '--hp', 'num_round=5', '--model-out', join(dir, 'dates.json'), '--metrics-out', join(dir, 'd.metrics.json'), '--holdout', '0');
    expect(r.code, r.stderr).toBe(0);
    const m = await loadDeployModel(read(join(dir, 'dates.json')), 'dates.json');
    expect(m.facts.inputs).toEqual([{ name: 'when', type: 'number' }, { name: 'x', type: 'number' }]);
    const iso = await score(m, parsePayload({ body: '{"instances": [["2024-01-10T00:00:00Z", 0.5], ["2024-03-20T00:00:00Z", 0.5]]}', contentType: 'application/json' }, m.facts));
    const secs = await score(m, parsePayload({ body: `{"instances": [[${Date.UTC(2024, 0, 10) / 1000}, 0.5], [${Date.UTC(2024, 2, 20) / 1000}, 0.5]]}`, contentType: 'application/json' }, m.facts));
    expect(formatResponse(m.facts, secs, 2).body).toBe(formatResponse(m.facts, iso, 2).body);
    const [early, late] = formatResponse(m.facts, iso, 2).body.trimEnd().split('\n').map(Number);
    expect(late).toBeGreaterThan(early);
  });
});
