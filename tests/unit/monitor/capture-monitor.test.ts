// Model Monitor's checks on an endpoint's traffic: an in-tab endpoint (fake model) with data capture on is sent
// the rows of a header-less CSV, its capture is written as SageMaker's JSON Lines, and `mlpad monitor check`
// and `timeline --time-column inference_time` read that file through the loader against a baseline that
// `mlpad monitor baseline` made from the header-less training CSV. The captured inputs carry the names the
// loader gives a header-less CSV, so they meet the baseline's features by name.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedNames } from '../../../src/lib/data/column-names.ts';
import { Endpoint, type Invoker } from '../../../src/lib/deploy/endpoint.ts';
import { mulberry32 } from '../../../src/lib/ml/random.ts';
import { runMlpad } from '../cli/run-mlpad.ts';

const dir = mkdtempSync(join(tmpdir(), 'mlpad-capture-monitor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (...parts: string[]) => join(dir, ...parts);
const read = (...parts: string[]) => JSON.parse(readFileSync(at(...parts), 'utf8'));

/** `n` seeded header-less rows: x ~ N(10, 2), y ~ N(50, 5) (+ `shift`), k whole 0-9. */
function rows(seed: number, n: number, shift = 0): string[] {
  const rnd = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  return Array.from({ length: n }, () => `${(10 + 2 * normal()).toFixed(3)},${(50 + 5 * normal() + shift).toFixed(3)},${Math.floor(rnd() * 10)}`);
}

/** A fake model answering each CSV row with score = x / 20, in text/csv. */
const model: Invoker = async (req) => {
  const scores = req.body.trim().split('\n').map((l) => Number(l.split(',')[0]) / 20);
  return { status: 200, body: scores.map((s) => `${s}\n`).join(''), contentType: 'text/csv; charset=utf-8', records: scores.map((score) => ({ score })) };
};

const T0 = Date.UTC(2024, 2, 5, 14, 0, 0);

/** Sends `lines` in requests of 10 rows, one request every 72 s from T0 (so 100 requests span two hours), and writes the capture. */
async function capture(file: string, lines: string[]): Promise<void> {
  let t = T0;
  const ep = new Endpoint('churn', [{ name: 'AllTraffic', weight: 1, invoke: model }], { capture: { enabled: true, samplingPercent: 100 }, now: () => (t += 72_000) });
  for (let i = 0; i < lines.length; i += 10) {
    const r = await ep.invoke({ body: lines.slice(i, i + 10).join('\n') + '\n', contentType: 'text/csv', accept: 'text/csv' });
    expect(r.status).toBe(200);
  }
  writeFileSync(at(file), ep.captureJsonLines());
}

const [X, Y, K] = generatedNames(3);
const violationLines = (stdout: string) => stdout.trim().split('\n').slice(1).map((l) => l.trim());

beforeAll(async () => {
  writeFileSync(at('train.csv'), rows(1, 600).join('\n') + '\n');
  const r = await runMlpad('monitor', 'baseline', '--data', at('train.csv'), '--out', at('base'));
  expect(r.code, r.stderr).toBe(0);
  await capture('same.jsonl', rows(2, 1000));
  await capture('shifted.jsonl', rows(3, 1000, 15));
});

describe('mlpad monitor on a data capture file', () => {
  it('the baseline of the header-less training CSV names its features as the capture names its inputs', () => {
    const names = read('base', 'statistics.json').features.map((f: { name: string; inferred_type: string }) => `${f.name}:${f.inferred_type}`);
    expect(names).toEqual([`${X}:Fractional`, `${Y}:Fractional`, `${K}:Integral`]);
  });

  it('check: rows from the training distribution break no feature constraint (drift distances below 0.1)', async () => {
    const r = await runMlpad('monitor', 'check', '--baseline', at('base'), '--data', at('same.jsonl'), '--out', at('same'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/checked 1000 rows/);
    // The capture's own columns (inference_time, event_id, _output) are traffic, not extra features.
    expect(r.stdout.split('\n')[0]).toBe('0 violations');
    expect(violationLines(r.stdout)).toEqual([]);
    const stats = read('same', 'statistics.json');
    expect(stats.dataset.item_count).toBe(1000);
    const y = stats.features.find((f: { name: string }) => f.name === Y);
    // 1000 draws of N(50, 5): the mean within 4 standard errors (4 · 5/√1000 ≈ 0.63)
    expect(Math.abs(y.numerical_statistics.mean - 50)).toBeLessThan(0.63);
  });

  it(`check: shifting the second column by 3 standard deviations is a baseline_drift_check on it alone`, async () => {
    const r = await runMlpad('monitor', 'check', '--baseline', at('base'), '--data', at('shifted.jsonl'), '--out', at('shifted'));
    expect(r.code, r.stderr).toBe(0);
    expect(violationLines(r.stdout)).toEqual([`${Y}: baseline_drift_check`]);
    expect(r.stdout.split('\n')[0]).toBe('1 violation');
    const v = read('shifted', 'constraint_violations.json').violations.find((x: { feature_name: string }) => x.feature_name === Y);
    expect(v.description).toMatch(/distance/i);
  });

  it('timeline --time-column inference_time splits the capture into the hours it was captured in', async () => {
    const r = await runMlpad('monitor', 'timeline', '--baseline', at('base'), '--data', at('shifted.jsonl'), '--time-column', 'inference_time', '--window', 'hour', '--out', at('tl'));
    expect(r.code, r.stderr).toBe(0);
    const t = read('tl', 'timeline.json');
    expect(t.time_column).toBe('inference_time');
    expect(t.undated_rows).toBe(0);
    // requests at T0 + 72 s · i, i = 1…100: 49 in 14:00-15:00 (i ≤ 49), 50 in 15:00-16:00, the last at 16:00:00
    expect(t.windows.map((w: { label: string; rows: number }) => [w.label, w.rows])).toEqual([['2024-03-05 14:00', 490], ['2024-03-05 15:00', 500], ['2024-03-05 16:00', 10]]);
    for (const w of t.windows) expect(w.violation_counts.baseline_drift_check, w.label).toBe(1);
    for (const w of t.windows) expect(w.distances[Y], w.label).toBeGreaterThan(0.5);
  });
});
