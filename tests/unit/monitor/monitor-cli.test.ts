// `mlpad monitor baseline|check|drift|timeline` end to end in-process: on generated tables with drift crafted
// column by column (so every violation is known in advance), on seattle-weather (baseline 2012, monthly
// timeline 2013-2015) and on the bundled loan-applications sample, whose planted drift the timeline must
// find in the months it was planted. Every bad input the issue lists gets one line and a non-zero exit.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIFT_FROM, makeLoanApplications } from '../../../scripts/samples/make-loan-applications.ts';
import { mulberry32 } from '../../../src/lib/ml/random.ts';
import { validateConstraints, validateStatistics } from '../../../src/lib/monitor/validate.ts';
import { loadModel } from '../../../src/lib/clarify/loaded-model.ts';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { explainRows } from '../../../src/lib/monitor/attribution-drift.ts';
import { runMlpad } from '../cli/run-mlpad.ts';

const dir = mkdtempSync(join(tmpdir(), 'mlpad-monitor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (...parts: string[]) => join(dir, ...parts);
const read = (...parts: string[]) => JSON.parse(readFileSync(at(...parts), 'utf8'));
const WEATHER = 'node_modules/vega-datasets/data/seattle-weather.csv';
const SAMPLE = 'public/samples/loan-applications.csv';

/**
 * 600 seeded rows: `x` ~ N(10, 2), `n` whole numbers 0-99, `cat` in {a, b, c}, `day` 2024-01-01 onward.
 * `drift` changes one thing per column, each meant to break exactly one check.
 */
function table(seed: number, drift = false): string {
  const rnd = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const header = drift ? 'x,n,cat,day,extra' : 'x,n,cat,day,gone';
  const lines = [header];
  for (let i = 0; i < 600; i++) {
    const x = 10 + 2 * normal() + (drift ? 6 : 0); // baseline_drift_check
    // completeness_check (every fifth blank) and data_type_check (one text value).
    const n = drift && i % 5 === 0 ? '' : drift && i === 3 ? 'seven' : String(Math.floor(rnd() * 100));
    const cat = drift && i % 50 === 0 ? 'zzz' : ['a', 'b', 'c'][Math.floor(rnd() * 3)]; // categorical_values_check
    const day = new Date(Date.UTC(2024, 0, 1 + Math.floor(i / 20))).toISOString().slice(0, 10);
    lines.push(`${x.toFixed(3)},${n},${cat},${day},${i % 7}`); // gone → missing_column_check, extra → extra_column_check
  }
  return lines.join('\n') + '\n';
}
writeFileSync(at('base.csv'), table(1));
writeFileSync(at('same.csv'), table(2));
writeFileSync(at('drift.csv'), table(3, true));
beforeAll(async () => {
  const r = await runMlpad('monitor', 'baseline', '--data', at('base.csv'), '--out', at('base'));
  expect(r.code, r.stderr).toBe(0);
});

describe('mlpad monitor baseline', () => {
  it('writes statistics.json and constraints.json in Model Monitor\'s layout', () => {
    const stats = read('base', 'statistics.json');
    const constraints = read('base', 'constraints.json');
    validateStatistics(stats);
    validateConstraints(constraints);
    expect(stats.dataset.item_count).toBe(600);
    expect(stats.features.map((f: { name: string; inferred_type: string }) => [f.name, f.inferred_type])).toEqual([
      ['x', 'Fractional'], ['n', 'Integral'], ['cat', 'String'], ['day', 'String'], ['gone', 'Integral'],
    ]);
    expect(stats.features[0].numerical_statistics!.distribution.kll.buckets).toHaveLength(10);
    expect(stats.features[0].numerical_statistics!.distribution.kll.sketch.parameters).toEqual({ c: 0.64, k: 2048 });
    const cat = constraints.features.find((f: { name: string }) => f.name === 'cat');
    expect([...cat!.string_constraints!.domains].sort()).toEqual(['a', 'b', 'c']);
    expect(constraints.monitoring_config.distribution_constraints.comparison_threshold).toBe(0.1);
    expect(existsSync(at('base', 'model_quality_statistics.json'))).toBe(false);
  });

  it('with ground truth also writes model_quality_statistics.json and model_quality_constraints.json', async () => {
    const r = await runMlpad('monitor', 'baseline', '--data', SAMPLE, '--out', at('loanq'), '--problem-type', 'BinaryClassification', '--actual', 'approved', '--predicted', 'predicted', '--probability', 'score');
    expect(r.code, r.stderr).toBe(0);
    const q = read('loanq', 'model_quality_statistics.json');
    expect(q.dataset.item_count).toBe(6017);
    // Accuracy by hand from the file.
    const rows = readFileSync(SAMPLE, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const accuracy = rows.filter((x) => x[7] === x[9]).length / rows.length;
    expect(q.binary_classification_metrics.accuracy.value).toBeCloseTo(accuracy, 12);
    const c = read('loanq', 'model_quality_constraints.json');
    expect(c.binary_classification_constraints.accuracy).toEqual({ threshold: q.binary_classification_metrics.accuracy.value, comparison_operator: 'LessThanThreshold' });
  });
});

describe('mlpad monitor check', () => {
  it('data like the baseline: no violations, "0 violations", exit 0', async () => {
    const r = await runMlpad('monitor', 'check', '--baseline', at('base'), '--data', at('same.csv'), '--out', at('same'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('0 violations\n');
    expect(read('same', 'constraint_violations.json')).toEqual({ violations: [] });
    expect(read('same', 'statistics.json').dataset.item_count).toBe(600);
  });

  it('crafted drift: exactly the six violations planted, printed one per line, exit 0', async () => {
    const r = await runMlpad('monitor', 'check', '--baseline', at('base'), '--data', at('drift.csv'), '--out', at('drift6'));
    expect(r.code, r.stderr).toBe(0);
    const found = read('drift6', 'constraint_violations.json').violations.map((v: { feature_name: string; constraint_check_type: string }) => `${v.feature_name}: ${v.constraint_check_type}`);
    expect(found.sort()).toEqual([
      'cat: categorical_values_check', 'extra: extra_column_check', 'gone: missing_column_check',
      'n: completeness_check', 'n: data_type_check', 'x: baseline_drift_check',
    ]);
    expect(r.stdout.split('\n')[0]).toBe('6 violations');
    for (const f of found) expect(r.stdout).toContain(`  ${f}\n`);
  });
});

describe('mlpad monitor drift', () => {
  it('drift.json: one entry per reference column; a pure shift gives its size as the Wasserstein distance', async () => {
    const base = readFileSync(at('base.csv'), 'utf8').trim().split('\n');
    writeFileSync(at('shifted.csv'), [base[0], ...base.slice(1).map((l) => { const [x, ...rest] = l.split(','); return [(Number(x) + 0.5).toFixed(3), ...rest].join(','); })].join('\n') + '\n');
    const r = await runMlpad('monitor', 'drift', '--reference', at('base.csv'), '--data', at('shifted.csv'), '--out', at('drift.json'));
    expect(r.code, r.stderr).toBe(0);
    const d = read('drift.json');
    expect(d.features.map((f: { name: string }) => f.name)).toEqual(['x', 'n', 'cat', 'day', 'gone']);
    const byName = Object.fromEntries(d.features.map((f: { name: string }) => [f.name, f]));
    expect(byName.x.wasserstein).toBeCloseTo(0.5, 9);
    expect(byName.x.ks_statistic).toBeGreaterThan(0.05);
    for (const k of ['ks_statistic', 'ks_pvalue', 'wasserstein', 'psi', 'js_distance']) expect(byName.n[k], k).toBe(k === 'ks_pvalue' ? 1 : 0);
    expect(byName.cat.ks_statistic).toBeNull();
    expect(byName.cat.psi).toBe(0);
    expect(byName.x.binning.bins).toBe(10);
    expect(r.stdout.split('\n')[0]).toMatch(/^feature\s+ks\s+ks_p\s+psi\s+js$/);
  });
});

describe('mlpad monitor timeline', () => {
  it('seattle-weather: baseline on 2012, 36 monthly windows 2013-2015, each with its files', async () => {
    const lines = readFileSync(WEATHER, 'utf8').trim().split('\n');
    writeFileSync(at('w2012.csv'), [lines[0], ...lines.filter((l) => l.startsWith('2012'))].join('\n') + '\n');
    writeFileSync(at('w1315.csv'), [lines[0], ...lines.slice(1).filter((l) => !l.startsWith('2012'))].join('\n') + '\n');
    expect((await runMlpad('monitor', 'baseline', '--data', at('w2012.csv'), '--out', at('wbase'))).code).toBe(0);
    const r = await runMlpad('monitor', 'timeline', '--baseline', at('wbase'), '--data', at('w1315.csv'), '--time-column', 'date', '--window', 'month', '--out', at('wtl'));
    expect(r.code, r.stderr).toBe(0);
    const t = read('wtl', 'timeline.json');
    expect(t.windows).toHaveLength(36);
    expect(t.windows[0]).toMatchObject({ label: '2013-01', dir: '2013-01', start: '2013-01-01T00:00:00.000Z', end: '2013-02-01T00:00:00.000Z', rows: 31 });
    expect(t.windows[35].label).toBe('2015-12');
    expect(t.windows.reduce((s: number, w: { rows: number }) => s + w.rows, 0)).toBe(1095);
    for (const w of t.windows) {
      expect(read('wtl', w.dir, 'statistics.json').dataset.item_count).toBe(w.rows);
      const v = read('wtl', w.dir, 'constraint_violations.json').violations;
      expect(v).toHaveLength(w.violations);
      expect(Object.values(w.violation_counts).reduce((s: number, n) => s + (n as number), 0)).toBe(w.violations);
      expect(Object.keys(w.distances).sort()).toEqual(['date', 'precipitation', 'temp_max', 'temp_min', 'weather', 'wind']);
    }
    expect(r.stdout.split('\n')[0]).toBe(`${t.alerts.length} alerts in 36 windows (${t.windows.filter((w: { violations: number }) => w.violations > 0).length} with violations, 0 empty)`);
    // Seasons: a July is farther from the whole of 2012 in temperature than an April.
    const month = (label: string) => t.windows.find((w: { label: string }) => w.label === label);
    expect(month('2014-07').distances.temp_max).toBeGreaterThan(month('2014-04').distances.temp_max);
  });

  it('a month without rows is an empty_window alert, not a crash or a gap', async () => {
    const lines = readFileSync(at('base.csv'), 'utf8').trim().split('\n');
    // Rows dated in January and March only.
    const moved = lines.slice(1).map((l, i) => l.replace(/2024-\d\d-\d\d/, i % 2 ? '2024-01-15' : '2024-03-10'));
    writeFileSync(at('gap.csv'), [lines[0], ...moved].join('\n') + '\n');
    const r = await runMlpad('monitor', 'timeline', '--baseline', at('base'), '--data', at('gap.csv'), '--time-column', 'day', '--window', 'month', '--out', at('gap'));
    expect(r.code, r.stderr).toBe(0);
    const t = read('gap', 'timeline.json');
    expect(t.windows.map((w: { label: string; rows: number; dir: string | null }) => [w.label, w.rows, w.dir])).toEqual([['2024-01', 300, '2024-01'], ['2024-02', 0, null], ['2024-03', 300, '2024-03']]);
    expect(t.alerts.filter((a: { check: string }) => a.check === 'empty_window')).toEqual([expect.objectContaining({ window: '2024-02' })]);
    expect(existsSync(at('gap', '2024-02'))).toBe(false);
    expect(r.stdout).toMatch(/\(\d+ with violations, 1 empty\)/);
  });

  it('loan-applications: the planted drift shows up in the months it was planted, model quality included', async () => {
    const lines = readFileSync(SAMPLE, 'utf8').trim().split('\n');
    writeFileSync(at('h1.csv'), [lines[0], ...lines.filter((l) => /^2024-0[1-6]/.test(l))].join('\n') + '\n');
    const q = ['--actual', 'approved', '--predicted', 'predicted', '--probability', 'score'];
    expect((await runMlpad('monitor', 'baseline', '--data', at('h1.csv'), '--out', at('lbase'), '--problem-type', 'BinaryClassification', ...q)).code).toBe(0);
    const r = await runMlpad('monitor', 'timeline', '--baseline', at('lbase'), '--data', SAMPLE, '--time-column', 'application_date', '--window', 'month', '--out', at('ltl'), ...q);
    expect(r.code, r.stderr).toBe(0);
    const t = read('ltl', 'timeline.json');
    expect(t.windows).toHaveLength(12);
    const months = (feature: string, check: string): number[] => [...new Set<number>(t.alerts.filter((a: { feature?: string; check: string }) => a.feature === feature && a.check === check).map((a: { window: string }) => Number(a.window.slice(5))))];
    expect(months('purpose', 'categorical_values_check')).toEqual([10, 11, 12]);
    expect(DRIFT_FROM.crypto).toBe(10);
    // Completeness: every month from September (earlier months may dip just below the baseline's 98%, by chance).
    expect(months('credit_score', 'completeness_check').filter((m) => m >= 9)).toEqual([9, 10, 11, 12]);
    for (const f of ['income', 'loan_amount']) {
      const drifted = months(f, 'baseline_drift_check');
      expect(drifted.length, f).toBeGreaterThan(0);
      expect(Math.min(...drifted), f).toBeGreaterThanOrEqual(DRIFT_FROM.incomeAndLoan);
    }
    // Accuracy falls below the baseline in every Q4 month; the window's file holds the value.
    expect(months('accuracy', 'model_quality_check').filter((m) => m >= 10)).toEqual([10, 11, 12]);
    const dec = read('ltl', '2024-12', 'model_quality_statistics.json');
    const base = read('lbase', 'model_quality_statistics.json');
    expect(base.binary_classification_metrics.accuracy.value - dec.binary_classification_metrics.accuracy.value).toBeGreaterThan(0.05);
    expect(read('ltl', '2024-12', 'model_quality_constraint_violations.json').violations.map((v: { metric_name: string }) => v.metric_name)).toContain('accuracy');
  });
});

describe('mlpad monitor: bias drift and feature attribution drift (loan-applications, baseline Q1, monthly)', () => {
  const lines = readFileSync(SAMPLE, 'utf8').trim().split('\n');
  const q1 = lines.filter((l) => /^2024-0[1-3]/.test(l));
  const FEATURES = [1, 2, 3, 4, 5, 6, 7]; // age, income, credit_score, loan_amount, purpose, channel, approved
  const bias = ['--label', 'approved', '--label-values', '1', '--facet', 'channel', '--facet-values', 'online'];
  let crafted = '';
  beforeAll(async () => {
    writeFileSync(at('q1.csv'), [lines[0], ...q1].join('\n') + '\n');
    writeFileSync(at('q1-train.csv'), [lines[0], ...q1].map((l) => FEATURES.map((j) => l.split(',')[j]).join(',')).join('\n') + '\n');
    const t = await runMlpad('train', '--algorithm', 'xgboost', '--train', at('q1-train.csv'), '--target', 'approved', '--hp', 'num_round=30', 'max_depth=3', '--holdout', '0', '--model-out', at('loan-model.json'));
    expect(t.code, t.stderr).toBe(0);
    const b = await runMlpad('monitor', 'baseline', '--data', at('q1.csv'), '--out', at('cbase'), ...bias, '--predicted-label', 'predicted', '--model', at('loan-model.json'));
    expect(b.code, b.stderr).toBe(0);
    // A crafted January 2025: 300 Q1 rows with income, credit_score and loan_amount (the model's three most
    // important features) each pinned, one after another, to the Q1 decile where this model's attribution to
    // it is smallest, so the window's ranking puts them last: their attributions shrink, the others' do not.
    const model = await loadModel(readFileSync(at('loan-model.json')));
    const rows = q1.slice(0, 300).map((l) => l.split(','));
    const pinned: Record<number, string> = {};
    const name = lines[0].split(',');
    for (const j of [3, 4, 2]) {
      const sorted = q1.map((l) => Number(l.split(',')[j])).filter((v) => v === v && v > 0).sort((a, b) => a - b);
      let best = Infinity;
      for (let d = 1; d <= 9; d++) {
        const v = String(sorted[Math.floor((d * sorted.length) / 10)]);
        const text = [lines[0], ...rows.map((c) => c.map((x, k) => (k === j ? v : pinned[k] ?? x)).join(','))].join('\n') + '\n';
        const e = await explainRows((await loadBytes('c.csv', new TextEncoder().encode(text))).table, { model });
        const g = Object.values(e.tree_shap!)[0].global_shap_values[name[j]];
        if (g < best) { best = g; pinned[j] = v; }
      }
    }
    crafted = rows.map((c, i) => c.map((x, k) => (k === 0 ? `2025-01-${String(1 + (i % 28)).padStart(2, '0')}` : pinned[k] ?? x)).join(',')).join('\n');
  }, 120_000);

  it('the baseline writes bias_baseline.json and attribution_baseline.json as Clarify\'s analysis.json', () => {
    const b = read('cbase', 'bias_baseline.json');
    expect(b.version).toBe('1.0');
    expect(b.post_training_bias_metrics).toMatchObject({ label: 'approved', label_value_or_threshold: '1' });
    expect(b.post_training_bias_metrics.facets.channel[0].value_or_threshold).toBe('online');
    expect(b.post_training_bias_metrics.facets.channel[0].metrics.map((m: { name: string }) => m.name)).toEqual(['AD', 'CDDPL', 'DAR', 'DCA', 'DCR', 'DI', 'DPPL', 'DRR', 'FT', 'GE', 'RD', 'SD', 'TE']);
    const a = read('cbase', 'attribution_baseline.json');
    expect(Object.keys(a.explanations)).toEqual(['tree_shap']);
    const g = a.explanations.tree_shap['1'].global_shap_values;
    expect(Object.keys(g).sort()).toEqual(['age', 'channel', 'credit_score', 'income', 'loan_amount', 'purpose']);
    expect(Object.keys(g).sort((x, y) => g[y] - g[x])[0]).toBe('credit_score');
  });

  it('timeline: per-window analysis.json and violations; Q1 months rank features as the baseline (nDCG near 1), the crafted month below 0.9', async () => {
    writeFileSync(at('loans-crafted.csv'), [...lines, crafted].join('\n') + '\n');
    const r = await runMlpad('monitor', 'timeline', '--baseline', at('cbase'), '--data', at('loans-crafted.csv'), '--time-column', 'application_date', '--window', 'month', '--out', at('ctl'), ...bias, '--predicted-label', 'predicted', '--model', at('loan-model.json'));
    expect(r.code, r.stderr).toBe(0);
    const t = read('ctl', 'timeline.json');
    expect(t.windows).toHaveLength(13);
    for (const w of t.windows) {
      const analysis = read('ctl', w.dir, 'analysis.json');
      expect(Object.keys(analysis).sort()).toEqual(['explanations', 'post_training_bias_metrics', 'version']);
      const bv = read('ctl', w.dir, 'bias_constraint_violations.json').violations;
      expect(bv).toHaveLength(w.bias_violations);
      for (const v of bv) expect(Object.keys(v)).toEqual(['facet', 'facet_value', 'metric_name', 'constraint_check_type', 'description']);
      expect(t.alerts.filter((a: { window: string; check: string }) => a.window === w.label && a.check === 'bias_drift_check')).toHaveLength(w.bias_violations);
      const av = read('ctl', w.dir, 'feature_attribution_constraint_violations.json').violations;
      expect(av).toHaveLength(w.attribution_violations);
      expect(av.length).toBe(w.ndcg['1'] < 0.9 ? 1 : 0);
    }
    const ndcg = (label: string) => t.windows.find((w: { label: string }) => w.label === label).ndcg['1'];
    for (const m of ['2024-01', '2024-02', '2024-03']) expect(ndcg(m), m).toBeGreaterThan(0.99);
    expect(ndcg('2025-01')).toBeLessThan(0.9);
    const alert = t.alerts.find((a: { window: string; check: string }) => a.window === '2025-01' && a.check === 'feature_attribution_drift_check');
    expect(alert).toMatchObject({ feature: '1', description: expect.stringMatching(/^Feature attribution drift 0\.\d+ exceeds threshold 0\.9/) });
    expect(read('ctl', '2025-01', 'feature_attribution_constraint_violations.json').violations[0]).toMatchObject({ label: '1', metric_name: 'shap', constraint_check_type: 'feature_attribution_drift_check' });
    // Bias drift from the CLI is the engine's (bias-drift.test.ts checks its months against the CSV's counts).
    const dppl = t.alerts.filter((a: { check: string; feature?: string }) => a.check === 'bias_drift_check' && a.feature === 'DPPL').map((a: { window: string }) => a.window);
    expect(dppl.filter((w: string) => w.startsWith('2024'))).toEqual(['2024-02', '2024-03', '2024-09', '2024-11']);
  }, 60_000);

  it('predicted labels from --model instead of a column', async () => {
    expect((await runMlpad('monitor', 'baseline', '--data', at('q1.csv'), '--out', at('mbase'), ...bias, '--model', at('loan-model.json'))).code).toBe(0);
    const r = await runMlpad('monitor', 'timeline', '--baseline', at('mbase'), '--data', SAMPLE, '--time-column', 'application_date', '--window', 'month', '--out', at('mtl'), ...bias, '--model', at('loan-model.json'));
    expect(r.code, r.stderr).toBe(0);
    // The model's DPPL differs from the sample's `predicted` column's (another model).
    const dppl = (dir: string) => read(dir, 'bias_baseline.json').post_training_bias_metrics.facets.channel[0].metrics.find((m: { name: string }) => m.name === 'DPPL').value;
    expect(dppl('mbase')).not.toBe(dppl('cbase'));
    expect(read('mtl', 'timeline.json').windows.every((w: { bias_violations?: number }) => typeof w.bias_violations === 'number')).toBe(true);
  }, 60_000);

  it('bias or model flags with a baseline that lacks their file, and conflicting flags, are one-line errors', async () => {
    const tl = (...extra: string[]) => runMlpad('monitor', 'timeline', '--baseline', at('base'), '--data', SAMPLE, '--time-column', 'application_date', '--window', 'month', '--out', at('bad-ctl'), ...extra);
    let r = await tl(...bias, '--predicted-label', 'predicted');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the bias flags need a baseline with bias metrics, but ".*base" has no bias_baseline\.json/);
    r = await tl('--model', at('loan-model.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--model needs a baseline with feature attributions, but ".*base" has no attribution_baseline\.json/);
    r = await runMlpad('monitor', 'baseline', '--data', at('q1.csv'), '--out', at('bad-b'), ...bias, '--facet-threshold', '3', '--predicted-label', 'predicted');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/give --facet-values or --facet-threshold, not both/);
    r = await runMlpad('monitor', 'baseline', '--data', at('q1.csv'), '--out', at('bad-b'), ...bias);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bias drift needs predicted labels: give --predicted-label COLUMN or --model FILE/);
    r = await runMlpad('monitor', 'timeline', '--baseline', at('cbase'), '--data', SAMPLE, '--time-column', 'application_date', '--window', 'month', '--out', at('bad-ctl'), '--label', 'approved', '--label-values', '1', '--facet', 'purpose', '--predicted-label', 'predicted');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bias_baseline\.json holds label "approved" and facet "channel"; --label "approved" --facet "purpose" must match/);
  }, 60_000);
});

describe('public/samples/loan-applications.csv', () => {
  it('makeLoanApplications() reproduces the file byte for byte; it is under 600 KB and spans 2024', () => {
    const text = readFileSync(SAMPLE, 'utf8');
    expect(makeLoanApplications()).toBe(text);
    expect(Buffer.byteLength(text)).toBeLessThan(600_000);
    const rows = text.trim().split('\n');
    expect(rows[0]).toBe('application_date,age,income,credit_score,loan_amount,purpose,channel,approved,score,predicted');
    expect(rows[1].slice(0, 10)).toBe('2024-01-01');
    expect(rows.at(-1)!.slice(0, 10)).toBe('2024-12-31');
    const entry = JSON.parse(readFileSync('public/samples/index.json', 'utf8')).find((e: { id: string }) => e.id === 'loan-applications');
    expect(entry).toMatchObject({ file: 'loan-applications.csv', target: 'approved', task: 'binary', rows: rows.length - 1 });
    // predicted is score > 0.5 on every row.
    for (const r of rows.slice(1)) { const c = r.split(','); expect(c[9], r).toBe(Number(c[8]) > 0.5 ? '1' : '0'); }
  });
});

describe('bad input: one line naming the file or flag, a non-zero exit, no stack trace', () => {
  const setup = () => {
    mkdirSync(at('nostats'), { recursive: true });
    writeFileSync(at('nostats', 'constraints.json'), readFileSync(at('base', 'constraints.json')));
    mkdirSync(at('nocons'), { recursive: true });
    writeFileSync(at('nocons', 'statistics.json'), readFileSync(at('base', 'statistics.json')));
    mkdirSync(at('badjson'), { recursive: true });
    writeFileSync(at('badjson', 'statistics.json'), readFileSync(at('base', 'statistics.json')));
    writeFileSync(at('badjson', 'constraints.json'), '{\n  "version": 0,\n  "features": [\n    {"name": "x",}\n  ]\n}\n');
    mkdirSync(at('badfield'), { recursive: true });
    writeFileSync(at('badfield', 'constraints.json'), readFileSync(at('base', 'constraints.json')));
    const s = read('base', 'statistics.json');
    s.features[1].inferred_type = 'Number';
    writeFileSync(at('badfield', 'statistics.json'), JSON.stringify(s));
    writeFileSync(at('holes.csv'), 'y,p\n1.5,1\n2,2\n,3\n');
  };
  const check = (baseline: string) => ['monitor', 'check', '--baseline', at(baseline), '--data', at('same.csv'), '--out', at('bad-out')];
  const timeline = (...extra: string[]) => ['monitor', 'timeline', '--baseline', at('base'), '--data', at('same.csv'), '--out', at('bad-tl'), '--window', 'day', ...extra];
  const cases: [string, () => string[], RegExp, number][] = [
    ['a baseline folder without statistics.json', () => check('nostats'), /baseline folder ".*nostats" has no statistics\.json; run 'mlpad monitor baseline/, 1],
    ['a baseline folder without constraints.json', () => check('nocons'), /baseline folder ".*nocons" has no constraints\.json/, 1],
    ['a baseline folder that does not exist', () => check('nowhere'), /--baseline ".*nowhere" is not a folder/, 1],
    ['malformed JSON in the baseline', () => check('badjson'), /badjson\/constraints\.json: this is not valid JSON \(Expected double-quoted property name\) at line 4, column 18 \(position \d+\)/, 1],
    ['a wrong field in statistics.json', () => check('badfield'), /badfield\/statistics\.json: statistics\.json\.features\[1\]\.inferred_type must be one of 'Integral', 'Fractional', 'String', 'Unknown', got "Number"/, 1],
    ['a data file that does not exist', () => ['monitor', 'check', '--baseline', at('base'), '--data', at('nope.csv'), '--out', at('bad-out')], /cannot read ".*nope\.csv": no such file/, 1],
    ['a time column that does not parse', () => timeline('--time-column', 'cat'), /same\.csv: time column "cat" holds no dates or times that can be read \(first value "\w"\)/, 1],
    ['a time column not in the data', () => timeline('--time-column', 'when'), /--time-column names column "when", which is not in the data; its columns are "x", "n"/, 1],
    ['an unknown window size', () => [...timeline('--time-column', 'day').slice(0, -4), '--window', 'fortnight', '--time-column', 'day'], /--window must be one of hour, day, week, month; got "fortnight"/, 2],
    ['ground truth for a baseline without model quality', () => timeline('--time-column', 'day', '--actual', 'n', '--predicted', 'n'), /need a baseline with model quality, but ".*base" has no model_quality_constraints\.json/, 1],
    ['an unknown problem type', () => ['monitor', 'baseline', '--data', at('base.csv'), '--out', at('bad-b'), '--problem-type', 'Ranking', '--actual', 'n', '--predicted', 'n'], /--problem-type must be one of Regression, BinaryClassification, MulticlassClassification; got "Ranking"/, 2],
    ['a ground-truth column not in the data', () => ['monitor', 'baseline', '--data', at('base.csv'), '--out', at('bad-b'), '--problem-type', 'Regression', '--actual', 'y', '--predicted', 'x'], /--actual names column "y", which is not in the data/, 1],
    ['binary labels that are not 0/1', () => ['monitor', 'baseline', '--data', at('base.csv'), '--out', at('bad-b'), '--problem-type', 'BinaryClassification', '--actual', 'gone', '--predicted', 'gone'], /base\.csv: binary classification: 'actual' must hold labels 0 or 1; row \d+ holds \d/, 1],
    ['a missing ground-truth cell', () => ['monitor', 'baseline', '--data', at('holes.csv'), '--out', at('bad-b'), '--problem-type', 'Regression', '--actual', 'y', '--predicted', 'p'], /holes\.csv: --actual column "y" is missing in data row 3; model quality needs a value on every row/, 1],
  ];
  for (const [what, args, message, code] of cases) {
    it(`${what}: ${String(message).slice(1, 50)}…`, async () => {
      setup();
      const r = await runMlpad(...args());
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2); // the message, and a usage hint for exit 2
      expect(r.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
    });
  }

  it('`mlpad monitor --help` lists the four commands', async () => {
    const r = await runMlpad('monitor', '--help');
    expect(r.code).toBe(0);
    for (const c of ['baseline', 'check', 'drift', 'timeline']) expect(r.stdout).toMatch(new RegExp(`\\n  ${c} `));
  });
});
