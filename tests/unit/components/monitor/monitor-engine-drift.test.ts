// The Monitor worker's engine with bias drift and feature attribution drift on the loan-applications sample
// (baseline: the rows before April), run directly, without the worker: the bias metrics of a window against a
// hand count, predicted labels from a model, the nDCG per window, and the messages of what cannot run.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { tableToIPC, type Table } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../../../src/lib/clarify/loaded-model.ts';
import { loadBytes } from '../../../../src/lib/data/index.ts';
import { takeRows } from '../../../../src/lib/data/take-rows.ts';
import { createMonitorEngine } from '../../../../src/lib/engine/monitor-engine.ts';
import type { MonitorEngineApi, MonitorRun, MonitorRunConfig } from '../../../../src/lib/engine/monitor-engine-api.ts';
import { runTrainingJob } from '../../../../src/lib/engine/run-job.ts';
import { explainRows } from '../../../../src/lib/monitor/attribution-drift.ts';
import { predictedLabels } from '../../../../src/lib/monitor/bias-drift.ts';

const SAMPLE = new URL('../../../../public/samples/loan-applications.csv', import.meta.url);
const APRIL = Date.UTC(2024, 3, 1);
const bias = { label: 'approved', labelValuesOrThreshold: [1], facet: 'channel', facetValuesOrThreshold: ['online'] };
const base: MonitorRunConfig = { timeColumn: 'application_date', window: 'month', baseline: { kind: 'before', before: APRIL } };

let engine: MonitorEngineApi;
let sample: Table;
let model: Uint8Array;
let byColumn: MonitorRun;

/** Rows (indices) of `t` whose date starts with `prefix`. */
function rowsOf(t: Table, prefix: string | ((d: string) => boolean)): number[] {
  const d = t.getChild('application_date')!;
  const keep = typeof prefix === 'string' ? (s: string) => s.startsWith(prefix) : prefix;
  const out: number[] = [];
  for (let i = 0; i < t.numRows; i++) if (keep(new Date(Number(d.get(i))).toISOString())) out.push(i);
  return out;
}

/** DPPL by hand: the predicted-positive rate of the other channels minus that of online. */
function dppl(t: Table, rows: number[], predicted: (i: number) => number): number {
  const ch = t.getChild('channel')!;
  let a = 0, na = 0, d = 0, nd = 0;
  for (const i of rows) {
    if (ch.get(i) === 'online') { nd++; d += predicted(i) === 1 ? 1 : 0; } else { na++; a += predicted(i) === 1 ? 1 : 0; }
  }
  return a / na - d / nd;
}

const dpplOf = (s: NonNullable<MonitorRun['baseline']['bias']>) => s.facets.channel[0].metrics.find((m) => m.name === 'DPPL')!.value as number;

beforeAll(async () => {
  await tf.setBackend('cpu');
  sample = (await loadBytes('loan-applications.csv', new Uint8Array(readFileSync(SAMPLE)))).table;
  engine = createMonitorEngine();
  await engine.open(tableToIPC(sample, 'stream'));
  byColumn = await engine.run({ ...base, bias: { ...bias, predictedLabel: 'predicted' } });
  const q1 = takeRows(sample, rowsOf(sample, (s) => s < '2024-04'));
  const job = { algorithm: 'xgboost', hyperparameters: { num_round: '20', max_depth: '3' }, prepare: { target: 'approved', features: ['age', 'income', 'credit_score', 'loan_amount', 'purpose', 'channel'], split: { validationFraction: 0 } } };
  model = (await runTrainingJob({ train: q1 }, job)).model as Uint8Array;
}, 120_000);

describe('monitor engine: bias drift', () => {
  it('with the predicted column, every month has a bias section whose DPPL matches a hand count (1e-12)', () => {
    expect(byColumn.windows).toHaveLength(12);
    const pred = sample.getChild('predicted')!;
    const at = (i: number) => Number(pred.get(i));
    expect(dpplOf(byColumn.baseline.bias!)).toBeCloseTo(dppl(sample, rowsOf(sample, (s) => s < '2024-04'), at), 12);
    for (const w of byColumn.windows) {
      expect(w.biasError).toBeUndefined();
      expect(dpplOf(w.bias!)).toBeCloseTo(dppl(sample, rowsOf(sample, w.label), at), 12);
    }
  });

  it('raises bias_drift_check alerts exactly for the windows whose metric is farther from balance than the baseline', () => {
    const checks = byColumn.alerts.filter((a) => a.check === 'bias_drift_check');
    expect(checks.length).toBeGreaterThan(0);
    const b = Math.abs(dpplOf(byColumn.baseline.bias!));
    for (const w of byColumn.windows) {
      const worse = Math.abs(dpplOf(w.bias!)) > b;
      expect(checks.some((a) => a.window === w.label && a.feature === 'DPPL')).toBe(worse);
    }
    expect(checks[0].description).toMatch(/farther from its balanced value/);
  });

  it('with a model instead of a column, the baseline uses the model\'s predicted labels of the baseline rows', async () => {
    const r = await engine.run({ ...base, bias, model: { bytes: model, name: 'q1.json' } });
    const p = await predictedLabels(sample, await loadModel(model), 'approved');
    const at = (i: number) => Number(p[i]);
    expect(dpplOf(r.baseline.bias!)).toBeCloseTo(dppl(sample, rowsOf(sample, (s) => s < '2024-04'), at), 12);
    expect(dpplOf(r.windows[11].bias!)).toBeCloseTo(dppl(sample, rowsOf(sample, '2024-12'), at), 12);
  }, 60_000);
});

describe('monitor engine: feature attribution drift', () => {
  it('explains the baseline and each window with TreeSHAP; the nDCG is in [0, 1] and a window\'s values match explainRows (1e-9)', async () => {
    const progress: string[] = [];
    const r = await engine.run({ ...base, attribution: {}, model: { bytes: model, name: 'q1.json' } }, (_d, _t, stage) => progress.push(stage));
    expect(Object.keys(r.baseline.attribution!)).toEqual(['tree_shap']);
    expect(r.baseline.attributionThreshold).toBe(0.9);
    expect(progress).toContain('explaining windows');
    expect(r.windows).toHaveLength(12);
    for (const w of r.windows) {
      const v = Object.values(w.ndcg!);
      expect(v).toHaveLength(1);
      expect(v[0]).toBeGreaterThanOrEqual(0);
      expect(v[0]).toBeLessThanOrEqual(1);
      expect(r.alerts.some((a) => a.window === w.label && a.check === 'feature_attribution_drift_check')).toBe(v[0] < 0.9);
    }
    const direct = await explainRows(sample, { model: await loadModel(model) }, rowsOf(sample, '2024-06'));
    const label = Object.keys(direct.tree_shap!)[0];
    const got = r.windows[5].attribution!.tree_shap![label].global_shap_values;
    for (const [f, v] of Object.entries(direct.tree_shap![label].global_shap_values)) expect(got[f]).toBeCloseTo(v, 9);
  }, 60_000);

  it('names what is missing: no model for attribution, no predictions for bias, a files baseline', async () => {
    await expect(engine.run({ ...base, attribution: {} })).rejects.toThrow('feature attribution drift needs a model');
    await expect(engine.run({ ...base, bias })).rejects.toThrow('bias drift needs predicted labels');
    const files = { kind: 'files' as const, statistics: { name: 's.json', text: '{}' }, constraints: { name: 'c.json', text: '{}' } };
    await expect(engine.run({ ...base, baseline: files, bias: { ...bias, predictedLabel: 'predicted' } })).rejects.toThrow('need a baseline of rows before a date');
  });
});
