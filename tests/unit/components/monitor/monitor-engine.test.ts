// The Monitor worker's engine on the bundled loan-applications sample (2024, daily rows; income drifts up
// from July, a new purpose appears in October, accuracy falls in Q4), run directly, without the worker.
import { readFileSync } from 'node:fs';
import { tableToIPC, type Table } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBytes } from '../../../../src/lib/data/index.ts';
import { createMonitorEngine } from '../../../../src/lib/engine/monitor-engine.ts';
import { takeRows } from '../../../../src/lib/data/take-rows.ts';
import type { MonitorEngineApi, MonitorRun } from '../../../../src/lib/engine/monitor-engine-api.ts';

const SAMPLE = new URL('../../../../public/samples/loan-applications.csv', import.meta.url);
const quality = { problemType: 'BinaryClassification' as const, actual: 'approved', predicted: 'predicted', probability: 'score' };
const APRIL = Date.UTC(2024, 3, 1);

let engine: MonitorEngineApi;
let sample: Table;
let run: MonitorRun;

beforeAll(async () => {
  const { table } = await loadBytes('loan-applications.csv', new Uint8Array(readFileSync(SAMPLE)));
  sample = table;
  engine = createMonitorEngine();
  await engine.open(tableToIPC(table, 'stream'));
  run = await engine.run({ timeColumn: 'application_date', window: 'month', baseline: { kind: 'before', before: APRIL }, quality });
}, 60_000);

describe('monitor engine on loan-applications', () => {
  it('span(application_date) covers 2024, and span of a text column says it holds no dates', () => {
    expect(engine.span('application_date')).toEqual({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 11, 31), undated: 0 });
    const bad = engine.span('purpose');
    expect('error' in bad && bad.error).toMatch(/time column "purpose" holds no dates or times that can be read \(first value "\w+"\)/);
  });

  it('a month run has 12 windows, leaves the time column out of the features, alerts and distances', () => {
    expect(run.windows.map((w) => w.label)).toEqual(Array.from({ length: 12 }, (_, m) => `2024-${String(m + 1).padStart(2, '0')}`));
    expect(run.features).toEqual(['age', 'income', 'credit_score', 'loan_amount', 'purpose', 'channel', 'approved', 'score', 'predicted']);
    expect(run.alerts.filter((a) => a.feature === 'application_date')).toEqual([]);
    for (const w of run.windows) expect(Object.keys(w.distances).sort()).toEqual([...run.features].sort());
    expect(run.baseline.statistics.features.map((f) => f.name)).toEqual(run.features);
    expect(run.baseline.rows).toBe(run.windows.slice(0, 3).reduce((s, w) => s + w.rows, 0));
    expect(run.baseline.description).toMatch(/rows before 2024-04-01$/);
  });

  it('flags income drift only after June and the new purpose only from October', () => {
    const drift = run.alerts.filter((a) => a.feature === 'income' && a.check === 'baseline_drift_check').map((a) => a.window);
    expect(drift.length).toBeGreaterThan(0);
    expect(drift.every((w) => w >= '2024-07')).toBe(true);
    const purpose = run.alerts.filter((a) => a.feature === 'purpose' && a.check === 'categorical_values_check').map((a) => a.window);
    expect(purpose[0]).toBe('2024-10');
    expect(purpose.every((w) => w >= '2024-10')).toBe(true);
  });

  it('model quality: the baseline accuracy is the constraint, and Q4 windows fall below it', () => {
    const c = run.baseline.qualityConstraints?.binary_classification_constraints?.accuracy;
    expect(c?.comparison_operator).toBe('LessThanThreshold');
    const acc = (i: number) => run.windows[i].quality?.binary_classification_metrics?.accuracy as { value: number };
    for (const i of [9, 10, 11]) expect(acc(i).value).toBeLessThan(c!.threshold);
    expect(run.alerts.some((a) => a.check === 'model_quality_check' && a.feature === 'accuracy' && a.window >= '2024-10')).toBe(true);
  });

  it('trims the windows\' KLL sketches but keeps their buckets', () => {
    const income = run.windows[0].statistics?.features.find((f) => f.name === 'income')?.numerical_statistics?.distribution.kll;
    expect(income?.sketch.data).toEqual([]);
    expect(income?.buckets.length).toBe(10);
  });

  it('a baseline opened as files gives the same windows and alerts as the one it was written from', async () => {
    const files = {
      kind: 'files' as const,
      statistics: { name: 'statistics.json', text: JSON.stringify(run.baseline.statistics) },
      constraints: { name: 'constraints.json', text: JSON.stringify(run.baseline.constraints) },
      quality: { name: 'model_quality_constraints.json', text: JSON.stringify(run.baseline.qualityConstraints) },
    };
    const again = await engine.run({ timeColumn: 'application_date', window: 'month', baseline: files, quality });
    expect(again.alerts).toEqual(run.alerts);
    expect(again.windows.map((w) => w.distances)).toEqual(run.windows.map((w) => w.distances));
    expect(again.baseline.description).toBe(`statistics.json, constraints.json, model_quality_constraints.json (${run.baseline.rows.toLocaleString('en-US')} rows)`);
  });

  it('bad baselines: a date before the data, malformed JSON, a wrong field, model quality without its file', async () => {
    const cfg = { timeColumn: 'application_date', window: 'month' as const };
    await expect(engine.run({ ...cfg, baseline: { kind: 'before', before: Date.UTC(2023, 0, 1) } })).rejects.toThrow('no rows have a application_date before the baseline date 2023-01-01 (the data starts 2024-01-01); choose a later date');
    const good = { name: 'constraints.json', text: JSON.stringify(run.baseline.constraints) };
    await expect(engine.run({ ...cfg, baseline: { kind: 'files', statistics: { name: 'stats.json', text: '{"version": 0,' }, constraints: good } })).rejects.toThrow(/^stats\.json is not valid JSON/);
    const broken = { ...run.baseline.statistics, dataset: { item_count: -1 } };
    await expect(engine.run({ ...cfg, baseline: { kind: 'files', statistics: { name: 'stats.json', text: JSON.stringify(broken) }, constraints: good } })).rejects.toThrow(/^stats\.json\.dataset\.item_count must be a number from 0/);
    const stats = { name: 'statistics.json', text: JSON.stringify(run.baseline.statistics) };
    await expect(engine.run({ ...cfg, quality, baseline: { kind: 'files', statistics: stats, constraints: good } })).rejects.toThrow(/model quality needs the baseline's model-quality constraints\.json/);
    await expect(engine.run({ ...cfg, timeColumn: 'channel', baseline: { kind: 'before', before: APRIL } })).rejects.toThrow(/time column "channel" holds no dates/);
  });

  it('takeRows(t, rows) holds exactly those rows, in order, on the real sample', () => {
    const rows = [0, 1, 2, 5, 7, 8, 6016, 3];
    const g = takeRows(sample, rows);
    expect(g.numRows).toBe(rows.length);
    for (const name of ['income', 'purpose', 'application_date']) {
      expect(Array.from({ length: rows.length }, (_, k) => g.getChild(name)?.get(k))).toEqual(rows.map((i) => sample.getChild(name)?.get(i)));
    }
    expect(takeRows(sample, []).numRows).toBe(0);
  });
});
