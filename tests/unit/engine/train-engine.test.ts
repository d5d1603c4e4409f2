import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { createTrainEngine, requestedThreads } from '../../../src/lib/engine/train-engine.ts';
import type { TrainJob, TrainRound } from '../../../src/lib/engine/train-engine-api.ts';
import { SeededRandom } from '../../../src/lib/ml/random.ts';
import { confusionAt } from '../../../src/lib/ml/results/index.ts';

/** 400 rows: y = 1 when x + noise > 0, a categorical column that helps a little, an id column. */
function binaryTable() {
  const rng = new SeededRandom(7);
  const n = 400;
  const x = new Float64Array(n), y: string[] = [], color: string[] = [], id: string[] = [];
  for (let i = 0; i < n; i++) {
    x[i] = rng.next() * 2 - 1;
    color.push(['red', 'green', 'blue'][i % 3]);
    y.push(x[i] + (rng.next() - 0.5) * 0.4 + (color[i] === 'red' ? 0.1 : 0) > 0 ? 'yes' : 'no');
    id.push(`row-${i}`);
  }
  return tableFromArrays({ id, x, color, y });
}

const job = (hp: TrainJob['hyperparameters']): TrainJob => ({
  algorithm: 'xgboost',
  hyperparameters: { objective: 'binary:logistic', eval_metric: 'logloss,auc', ...hp },
  prepare: { target: 'y', task: 'binary', features: ['x', 'color'], split: { method: 'stratified', validationFraction: 0.2, testFraction: 0.1, seed: 1 } },
});

describe('createTrainEngine().train', () => {
  it('train(ipc, binary job) streams every round and evaluates train, validation and test', async () => {
    const rounds: TrainRound[] = [];
    const events: string[] = [];
    const r = await createTrainEngine().train(tableToIPC(binaryTable(), 'stream'), job({ num_round: 12 }), (x) => { rounds.push(x); events.push(`round ${x.round}`); }, {},
      (st) => events.push(`${st.stage} ${st.splits.join(',')}`));
    expect(rounds.map((x) => x.round)).toEqual([...Array(12).keys()]);
    // After the last round, one stage event says evaluation has begun, held-out splits first.
    expect(events.slice(-2)).toEqual(['round 11', 'evaluating validation,test,train']);
    expect(rounds[11].validation?.auc).toBeGreaterThan(0.9);
    expect(r.rounds).toBe(12);
    expect(r.evaluations.map((e) => e.split)).toEqual(['train', 'validation', 'test']);
    const val = r.evaluations[1];
    expect(val.metrics.auc).toBeGreaterThan(0.9);
    expect(val.confusion?.length).toBe(4);
    expect(val.roc?.x.length).toBe(val.roc?.y.length);
    // Per-class metrics, and the scores and labels the threshold control recomputes from (agreeing at 0.5).
    expect(Array.from(val.perClass!.support).reduce((a, b) => a + b, 0)).toBe(val.rows);
    expect(val.perClass!.recall[1]).toBeCloseTo(val.confusion![3] / (val.confusion![2] + val.confusion![3]), 12);
    expect(val.scores).toHaveLength(val.rows);
    expect(val.labels).toHaveLength(val.rows);
    expect(Array.from(confusionAt(val.scores!, val.labels!, 0.5))).toEqual(Array.from(val.confusion!));
    expect(val.classRoc).toBeUndefined();
    expect(r.importance!.names).toEqual(r.encoding.featureNames);
    expect(r.importance!.values.gain[r.importance!.names.indexOf('x')]).toBeGreaterThan(0);
    const model = JSON.parse(new TextDecoder().decode(r.model));
    expect(model.learner.gradient_booster.model.trees.length).toBe(12);
    const csv = new TextDecoder().decode(r.predictionsCsv).trim().split('\n');
    expect(csv[0]).toBe('row,id,split,actual,predicted_label,probability_no,probability_yes');
    expect(csv.length - 1).toBe(val.rows + r.evaluations[2].rows);
    expect(r.threads).toBe(1);
    expect(r.compute).toBe('CPU, 1 thread');
    expect(r.computeReason).toMatch(/^Histograms on the CPU \(tree_method auto\): [\d,]+ cells is below the 1,000,000 where WebGPU pays off\.$/);
  });

  it('train(ipc, multiclass job) gives per-class metrics with AUC and one-vs-rest curves of every class, and no scores', async () => {
    const rng = new SeededRandom(3);
    const n = 300;
    const x = Float64Array.from({ length: n }, () => rng.next() * 3);
    const y = Array.from(x, (v) => ['low', 'mid', 'high'][Math.max(0, Math.min(2, Math.floor(v + (rng.next() - 0.5) * 0.3)))]);
    const mjob: TrainJob = {
      algorithm: 'xgboost', hyperparameters: { objective: 'multi:softprob', num_class: 3, num_round: 5 },
      prepare: { target: 'y', task: 'multiclass', features: ['x'], split: { method: 'stratified', validationFraction: 0.3, testFraction: 0, seed: 1 } },
    };
    const r = await createTrainEngine().train(tableToIPC(tableFromArrays({ x, y }), 'stream'), mjob);
    const val = r.evaluations.find((e) => e.split === 'validation')!;
    expect(val.perClass!.precision).toHaveLength(3);
    expect(val.perClass!.auc).toHaveLength(3);
    for (const a of val.perClass!.auc!) expect(a).toBeGreaterThan(0.8);
    expect(val.classRoc).toHaveLength(3);
    expect(val.classPr).toHaveLength(3);
    expect(val.classRoc![0].x[0]).toBe(0);
    expect(val.scores).toBeUndefined();
    expect(val.roc).toBeUndefined();
  });

  it('train(ipc, job with nthread = 2) reports 1 thread where no thread launcher is set', async () => {
    const r = await createTrainEngine().train(tableToIPC(binaryTable(), 'stream'), job({ num_round: 2, nthread: 2 }));
    expect(r.threads).toBe(1);
  });

  it('requestedThreads(job) reads nthread, and is 1 when it is unset or the job is invalid', () => {
    expect(requestedThreads(job({ nthread: '3' }))).toBe(3);
    expect(requestedThreads(job({}))).toBe(1);
    expect(requestedThreads(job({ nthread: '3', eta: -1 }))).toBe(1);
    expect(requestedThreads({ ...job({}), algorithm: 'nope' })).toBe(1);
  });

  it('train(ipc, job with a regression objective for a binary target) names objective', async () => {
    await expect(createTrainEngine().train(tableToIPC(binaryTable(), 'stream'), job({ num_round: 2, objective: 'reg:squarederror', eval_metric: 'rmse' })))
      .rejects.toThrow(/objective reg:squarederror does not fit target "y"/);
  });

  it('train(ipc, job with eta = -1) names eta and its range', async () => {
    await expect(createTrainEngine().train(tableToIPC(binaryTable(), 'stream'), job({ eta: -1 }))).rejects.toThrow(/eta must be in \(0, 1\]; got -1/);
  });

  it('train(ipc, job with tree_method gpu_hist) where there is no WebGPU names tree_method and says how to train on the CPU', async () => {
    await expect(createTrainEngine().train(tableToIPC(binaryTable(), 'stream'), job({ num_round: 2, tree_method: 'gpu_hist' })))
      .rejects.toThrow(/^tree_method gpu_hist needs WebGPU: WebGPU is not available here \(no navigator\.gpu\)\. Set tree_method to hist \(or auto\) to train on the CPU\.$/);
  });

  it('train(ipc, job with tree_method hist) trains on the CPU without giving a reason', async () => {
    const r = await createTrainEngine().train(tableToIPC(binaryTable(), 'stream'), job({ num_round: 2, tree_method: 'hist' }));
    expect(r.compute).toBe('CPU, 1 thread');
    expect(r.computeReason).toBeUndefined();
    expect(r.hyperparameters.tree_method).toBe('hist');
  });
});
