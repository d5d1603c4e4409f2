// The Deploy worker's engine, run directly (no worker) on the bundled loan-applications sample with an
// XGBoost model trained by the shared job runner (10 rounds, as the browser test trains it): batch
// transform, the endpoint's answers, weights and capture, the what-if starting row, a model trained on
// shuffled labels, the shadow test between the two and the canary that rolls the bad one back.
import { readFileSync } from 'node:fs';
import { tableToIPC, type Table } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBytes } from '../../../../src/lib/data/index.ts';
import { shareTable } from '../../../../src/lib/data/shared-table.ts';
import { createDeployEngine } from '../../../../src/lib/engine/deploy-engine.ts';
import { shuffledColumn } from '../../../../src/lib/deploy/bad-model.ts';
import { outputRows, previewOf } from '../../../../src/lib/deploy/transform-preview.ts';
import type { DeployEngineApi, DeployedModelInfo } from '../../../../src/lib/engine/deploy-engine-api.ts';
import { runTrainingJob } from '../../../../src/lib/engine/run-job.ts';

const SAMPLE = new URL('../../../../public/samples/loan-applications.csv', import.meta.url);

let table: Table;
let modelBytes: Uint8Array;
let engine: DeployEngineApi;
let good: DeployedModelInfo;
let bad: DeployedModelInfo;

beforeAll(async () => {
  table = (await loadBytes('loan-applications.csv', new Uint8Array(readFileSync(SAMPLE)))).table;
  const r = await runTrainingJob({ train: table }, { algorithm: 'xgboost', hyperparameters: { num_round: '10' }, prepare: { target: 'approved' } });
  modelBytes = r.model;
  engine = createDeployEngine();
  await engine.setTable(tableToIPC(table, 'stream'));
  good = await engine.addModel(modelBytes, 'xgboost trained in this tab');
  bad = (await engine.makeBadModel(good.id)).info;
}, 120_000);

describe('deploy engine: models and batch transform', () => {
  it('addModel lists the algorithm, the inputs in request order, the target, and that model.tar.gz can be made', () => {
    expect(good.facts.algorithm).toBe('xgboost');
    expect(good.facts.target).toBe('approved');
    expect(good.facts.inputs.map((i) => i.name)).toEqual(['application_date', 'age', 'income', 'credit_score', 'loan_amount', 'purpose', 'channel', 'score', 'predicted']);
    expect(good.sagemaker).toBeNull();
    expect(bad.name).toBe('xgboost on shuffled approved (deliberately bad)');
  });

  it('addModel refuses bytes that are not a model, naming the file', async () => {
    await expect(engine.addModel(new TextEncoder().encode('{"hello": 1}'), 'notes.json')).rejects.toThrow(/notes\.json/);
  });

  it('transform reads a shared table in place (no IPC copy) and writes what it writes from the IPC bytes', async () => {
    const fromIpc = await engine.transform({ bytes: modelBytes, name: 'm.json' }, { kind: 'table', name: 'loan-applications.csv', ipc: tableToIPC(table, 'stream') }, {});
    const fromShared = await engine.transform({ bytes: modelBytes, name: 'm.json' }, { kind: 'table', name: 'loan-applications.csv', ipc: shareTable(table) }, {});
    expect(fromShared.outputRows).toBe(table.numRows);
    expect(new TextDecoder().decode(fromShared.output)).toBe(new TextDecoder().decode(fromIpc.output));
  });

  it('transform of the dataset writes one CSV record per row (header on), and reports approved as the extra column', async () => {
    const ipc = tableToIPC(table, 'stream');
    const progress: number[] = [];
    const r = await engine.transform({ bytes: modelBytes, name: 'm.json' }, { kind: 'table', name: 'loan-applications.csv', ipc }, {}, (done) => progress.push(done));
    expect(r.outputRows).toBe(table.numRows);
    expect(r.report.rows).toBe(table.numRows);
    expect(r.report.extraColumns).toEqual(['approved']);
    expect(r.fileName).toBe('loan-applications-transformed.csv');
    const text = new TextDecoder().decode(r.output);
    expect(outputRows(text, true)).toBe(table.numRows);
    expect(r.preview.columns).toEqual(['score']);
    expect(r.preview.rows).toHaveLength(20);
    // The progress bar moves batch by batch (4,096 rows each) up to every row.
    expect(progress.at(-1)).toBe(table.numRows);
    expect(progress.length).toBeGreaterThanOrEqual(2);
  });

  it('transform of a picked file with join_source Input and JSON Lines keeps each input row beside its prediction', async () => {
    const csv = 'age,income,credit_score,loan_amount,purpose,channel,score,predicted,application_date\n43,49100,591,14250,medical,online,0.1396,0,2024-01-01\n';
    const r = await engine.transform({ bytes: modelBytes, name: 'm.json' }, { kind: 'file', name: 'two.csv', bytes: new TextEncoder().encode(csv + csv.split('\n')[1] + '\n') }, { accept: 'application/jsonlines', joinSource: 'Input' });
    expect(r.outputRows).toBe(2);
    expect(r.fileName).toBe('two-transformed.jsonl');
    expect(r.preview.columns).toContain('SageMakerOutput');
    expect(r.preview.columns).toContain('income');
  });

  it('transform of an empty file says so', async () => {
    await expect(engine.transform({ bytes: modelBytes, name: 'm.json' }, { kind: 'file', name: 'empty.csv', bytes: new Uint8Array(0) }, {})).rejects.toThrow('empty.csv is empty');
  });

  it('example() gives the first row as CSV in input order, dates as ISO text and in epoch seconds for the slider', () => {
    const ex = engine.example(good.id);
    expect(ex.csv).toBe('2024-01-01,43,49100,591,14250,medical,online,0.1396,0');
    expect(ex.dates).toEqual(['application_date']);
    expect(ex.values.application_date).toBe(Date.UTC(2024, 0, 1) / 1000);
    expect(ex.values.purpose).toBe('medical');
    expect(ex.ranges.score.min).toBeGreaterThanOrEqual(0);
    expect(ex.ranges.score.max).toBeLessThanOrEqual(1);
    expect(ex.ranges.application_date).toEqual({ min: Date.UTC(2024, 0, 1) / 1000, max: Date.UTC(2024, 11, 31) / 1000 });
    expect(ex.categories.purpose).toContain('medical');
  });
});

describe('deploy engine: the endpoint', () => {
  it('answers a CSV row with 200 and SageMaker predictions, a malformed body with 400, and keeps serving', async () => {
    engine.deploy([{ name: 'AllTraffic', modelId: good.id, weight: 1 }], { enabled: false, samplingPercent: 0 });
    const row = engine.example(good.id).csv;
    const ok = await engine.invoke({ body: row, contentType: 'text/csv', accept: 'application/json' });
    expect(ok.response.status).toBe(200);
    expect(ok.variant).toBe('AllTraffic');
    const json = JSON.parse(ok.response.body) as { predictions: { score: number; predicted_label: number }[] };
    expect(json.predictions).toHaveLength(1);
    expect(json.predictions[0].score).toBeGreaterThanOrEqual(0);
    const broken = await engine.invoke({ body: '2024-01-01,"43', contentType: 'text/csv' });
    expect(broken.response.status).toBe(400);
    expect(broken.response.body.length).toBeGreaterThan(20);
    const wrongType = await engine.invoke({ body: row, contentType: 'image/png' });
    expect(wrongType.response.status).toBe(415);
    const huge = await engine.invoke({ body: `${row}\n`.repeat(Math.ceil((6 * 1024 * 1024) / row.length)), contentType: 'text/csv' });
    expect(huge.response.status).toBe(413);
    expect(huge.response.body).toContain('batch transform');
    expect((await engine.invoke({ body: row, contentType: 'text/csv' })).response.status).toBe(200);
    const s = engine.endpointState();
    expect(s.variants[0]).toMatchObject({ name: 'AllTraffic', invocations: 5, clientErrors: 3 });
    expect(s.log.map((l) => l.seq)).toEqual([5, 4, 3, 2, 1]);
  });

  it('two variants at weights 1 and 3 share 40 sent rows, every one captured at 100%', async () => {
    engine.deploy([{ name: 'variant-1', modelId: good.id, weight: 1 }, { name: 'variant-2', modelId: bad.id, weight: 3 }], { enabled: true, samplingPercent: 100 });
    const seen: number[] = [];
    const t = await engine.sendRows(40, (done) => seen.push(done));
    expect(t).toMatchObject({ sent: 40, statuses: { 200: 40 } });
    expect(seen.at(-1)).toBe(40);
    const [a, b] = engine.endpointState().variants;
    expect(a.invocations + b.invocations).toBe(40);
    expect(a.invocations).toBeGreaterThan(0);
    expect(b.invocations).toBeGreaterThan(a.invocations);
    expect(engine.endpointState().capture.records).toBe(40);
    const lines = new TextDecoder().decode(engine.captureJsonLines()).trim().split('\n');
    expect(lines).toHaveLength(40);
    expect(JSON.parse(lines[0]).captureData.endpointInput.observedContentType).toBe('text/csv');
  });

  it('weights of zero everywhere get the endpoint\'s message; a named TargetVariant is still served', async () => {
    engine.updateWeights({ 'variant-1': 0, 'variant-2': 0 });
    const row = engine.example(good.id).csv;
    const refused = await engine.invoke({ body: row, contentType: 'text/csv' });
    expect(refused.response.status).toBe(400);
    expect(refused.variant).toBeNull();
    expect(refused.response.body).toContain('weight 0');
    expect((await engine.invoke({ body: row, contentType: 'text/csv', targetVariant: 'variant-1' })).response.status).toBe(200);
  });

  it('removing a served model deletes the endpoint', async () => {
    const extra = await engine.addModel(modelBytes, 'copy');
    engine.deploy([{ name: 'only', modelId: extra.id, weight: 1 }], { enabled: false, samplingPercent: 0 });
    expect(engine.removeModel(extra.id)).toBe(true);
    await expect(engine.invoke({ body: '1', contentType: 'text/csv' })).rejects.toThrow('there is no endpoint yet');
  });
});

describe('deploy engine: safe roll-out', () => {
  it('shuffledColumn permutes the target only: same values, other rows, features untouched', () => {
    const s = shuffledColumn(table, 'approved', 7);
    const before = Array.from({ length: table.numRows }, (_, i) => table.getChild('approved')!.get(i) as number);
    const after = Array.from({ length: table.numRows }, (_, i) => s.getChild('approved')!.get(i) as number);
    expect([...after].sort()).toEqual([...before].sort());
    expect(after.filter((v, i) => v !== before[i]).length).toBeGreaterThan(table.numRows * 0.3);
    expect(s.getChild('income')!.get(100)).toBe(table.getChild('income')!.get(100));
  });

  it('the shadow test of the shuffled-label model disagrees with production and is less accurate', async () => {
    const r = await engine.shadowTest({ production: good.id, shadow: bad.id, label: 'approved' });
    expect(r.requests).toBe(table.numRows);
    expect(r.disagreementRate).toBeGreaterThan(0.2);
    const accuracy = r.metrics.find((m) => m.name === 'accuracy')!;
    // The trained model beats chance by a wide margin; the shuffled one is near the 50.6% base rate.
    expect(accuracy.production).toBeGreaterThan(0.68);
    expect(Math.abs(accuracy.shadow - 0.5)).toBeLessThan(0.08);
    expect(accuracy.difference).toBeLessThan(-0.1);
  });

  it('a canary of the bad model (the view\'s defaults) trips the accuracy alarm and is rolled back', async () => {
    const r = await engine.rollout({
      blue: good.id, green: bad.id, label: 'approved',
      policy: { type: 'canary', canaryPercent: 20, bakeRequests: 1000 },
      alarms: [{ name: 'accuracy', metric: 'accuracy', threshold: 0.6, window: 100 }, { name: 'error_rate', metric: 'error_rate', threshold: 0.05, window: 100 }],
    });
    expect(r.outcome).toBe('rolled-back');
    const fired = r.events.find((e) => e.message.startsWith("alarm 'accuracy' fired"));
    // Within the canary's bake: the bad model never gets all the traffic.
    expect(fired?.request).toBeLessThan(1000);
    expect(Math.max(...r.perRequest.map((p) => p.greenShare))).toBeLessThanOrEqual(0.2);
    expect(r.perRequest).toHaveLength(table.numRows);
  });

  it('the same canary to another good model (30 rounds) completes: the default alarm does not fire on a model that learnt', async () => {
    const other = await runTrainingJob({ train: table }, { algorithm: 'xgboost', hyperparameters: { num_round: '30' }, prepare: { target: 'approved' } });
    const green = await engine.addModel(other.model, 'xgboost, 30 rounds');
    const r = await engine.rollout({
      blue: good.id, green: green.id, label: 'approved',
      policy: { type: 'canary', canaryPercent: 20, bakeRequests: 1000 },
      alarms: [{ name: 'accuracy', metric: 'accuracy', threshold: 0.6, window: 100 }],
    });
    expect(r.outcome).toBe('completed');
  });
});

describe('deploy engine: export and preview', () => {
  it('exportModule gives an .mjs with predict, and sagemakerArtifact a gzip', async () => {
    const m = engine.exportModule(good.id);
    expect(m.fileName).toMatch(/\.mjs$/);
    expect(new TextDecoder().decode(m.bytes)).toContain('export function predict(row)');
    const a = await engine.sagemakerArtifact(good.id);
    expect(a.fileName).toBe('model.tar.gz');
    expect([a.bytes[0], a.bytes[1]]).toEqual([0x1f, 0x8b]);
  });

  it('previewOf reads CSV with a header, JSON Lines and a JSON document into text cells', () => {
    expect(previewOf('a,b\n1,"x,y"\n2,z\n', 'text/csv', 1)).toEqual({ columns: ['a', 'b'], rows: [['1', 'x,y']] });
    expect(previewOf('1,2\n3,4\n', 'text/csv', 20, false)).toEqual({ columns: ['column 1', 'column 2'], rows: [['1', '2'], ['3', '4']] });
    expect(previewOf('{"score":0.5}\n{"score":0.25,"x":[1,2]}\n', 'application/jsonlines')).toEqual({ columns: ['score', 'x'], rows: [['0.5', ''], ['0.25', '[1,2]']] });
    expect(previewOf('{"predictions":[{"score":1}]}', 'application/json')).toEqual({ columns: ['score'], rows: [['1']] });
  });
});
