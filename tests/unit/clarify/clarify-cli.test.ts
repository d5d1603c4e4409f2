// `mlpad clarify bias|shap|report` end to end in-process, on a small generated dataset with a text facet,
// a categorical feature and missing cells: Clarify's files in its layout, SHAP values that add up to each
// row's output, and a clear message with a non-zero exit for every bad input the issue lists.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisJson } from '../../../src/lib/clarify/analysis.ts';
import { runMlpad } from '../cli/run-mlpad.ts';

const dir = mkdtempSync(join(tmpdir(), 'mlpad-clarify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);
const json = (name: string) => JSON.parse(readFileSync(at(name), 'utf8')) as AnalysisJson;

// 300 applicants: income and a text "region" drive approval; gender is the facet.
const lines = ['id,gender,region,income,age,approved,score_label'];
for (let i = 0; i < 300; i++) {
  const gender = i % 3 === 0 ? 'female' : 'male';
  const region = ['north', 'south', 'east'][i % 3 === 1 ? 0 : (i * 7) % 3];
  const income = 20 + ((i * 37) % 80);
  const age = i % 17 === 0 ? '' : String(20 + ((i * 13) % 45));
  const approved = income + (region === 'north' ? 15 : 0) - (gender === 'female' ? 5 : 0) > 60 ? 1 : 0;
  lines.push(`A${i},${gender},${region},${income},${age},${approved},${(i * 11) % 5 === 0 ? 1 - approved : approved}`);
}
writeFileSync(at('loans.csv'), lines.join('\n') + '\n');

beforeAll(async () => {
  const r = await runMlpad('train', '--algorithm', 'xgboost', '--train', at('loans.csv'), '--target', 'approved', '--hp', 'num_round=20', 'max_depth=3', '--holdout', '0', '--model-out', at('model.json'));
  expect(r.code, r.stderr).toBe(0);
}, 60_000);

describe('mlpad clarify bias', () => {
  it('writes pre- and post-training sections in Clarify\'s layout, with the model\'s predictions', async () => {
    const r = await runMlpad('clarify', 'bias', '--data', at('loans.csv'), '--label', 'approved', '--label-values', '1', '--facet', 'gender', '--facet-values', 'female', '--group', 'region', '--model', at('model.json'), '--out', at('bias.json'));
    expect(r.code, r.stderr).toBe(0);
    const a = json('bias.json');
    expect(a.version).toBe('1.0');
    const pre = a.pre_training_bias_metrics!;
    expect(pre.label).toBe('approved');
    expect(pre.label_value_or_threshold).toBe('1');
    expect(pre.facets.gender[0].value_or_threshold).toBe('female');
    expect(pre.facets.gender[0].metrics.map((m) => m.name)).toEqual(['CDDL', 'CI', 'DPL', 'JS', 'KL', 'KS', 'LP', 'TVD']);
    // CI by hand: (n_a − n_d) / n.
    const ci = pre.facets.gender[0].metrics.find((m) => m.name === 'CI')!.value as number;
    expect(ci).toBeCloseTo((200 - 100) / 300, 12);
    const post = a.post_training_bias_metrics!.facets.gender[0].metrics;
    expect(post.map((m) => m.name)).toEqual(['AD', 'CDDPL', 'DAR', 'DCA', 'DCR', 'DI', 'DPPL', 'DRR', 'FT', 'GE', 'RD', 'SD', 'TE']);
    for (const m of post) expect(m.value === null ? m.error : typeof m.value === 'number' || m.value === 'Infinity' || m.value === '-Infinity', m.name).toBeTruthy();
    // The flip test runs on the model's numeric features (categories one-hot).
    expect(typeof post.find((m) => m.name === 'FT')!.value).toBe('number');
  });

  it('takes predicted labels from a column, and a numeric facet by threshold', async () => {
    const r = await runMlpad('clarify', 'bias', '--data', at('loans.csv'), '--label', 'approved', '--label-values', '1', '--facet', 'income', '--facet-threshold', '50', '--predicted-label', 'score_label', '--out', at('bias2.json'));
    expect(r.code, r.stderr).toBe(0);
    const a = json('bias2.json');
    expect(a.pre_training_bias_metrics!.facets.income[0].value_or_threshold).toBe('(50, 99]');
    expect(a.post_training_bias_metrics!.facets.income[0].metrics.length).toBe(13);
  });

  const bad: [string, string[], RegExp][] = [
    ['a facet column missing from the data', ['--facet', 'nope', '--facet-values', 'x'], /--facet names column "nope", which is not in the data/],
    ['a label column missing from the data', ['--label', 'nope'], /--label names column "nope"/],
    ['a threshold on a text column', ['--facet', 'gender', '--facet-threshold', '3'], /--facet-threshold needs a numeric facet, but column "gender" is text/],
    ['a facet with a single value', ['--facet', 'gender', '--facet-values', 'female', '--label-values', 'yes', '--data', 'ONE'], /facet column 'gender' has the single value 'female'/],
    ['a label with no positive rows', ['--label-values', '7'], /label column 'approved' has no positive rows/],
  ];
  for (const [what, args, message] of bad) {
    it(`${what} gets a message naming it and a non-zero exit`, async () => {
      let data = at('loans.csv');
      const rest = [...args];
      const d = rest.indexOf('--data');
      if (d >= 0) {
        writeFileSync(at('one.csv'), 'gender,approved\nfemale,yes\nfemale,no\nfemale,yes\n');
        data = at('one.csv');
        rest.splice(d, 2);
      }
      const flags: Record<string, string> = { '--label': 'approved', '--label-values': '1', '--facet': 'gender', '--facet-values': 'female' };
      for (let i = 0; i < rest.length; i += 2) flags[rest[i]] = rest[i + 1];
      if (flags['--facet-threshold']) delete flags['--facet-values'];
      const r = await runMlpad('clarify', 'bias', '--data', data, ...Object.entries(flags).flat(), '--out', at('bad.json'));
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    });
  }
});

describe('mlpad clarify shap', () => {
  it('TreeSHAP: analysis.json and out.csv, one column per data column, each row summing to its margin', async () => {
    const r = await runMlpad('clarify', 'shap', '--model', at('model.json'), '--data', at('loans.csv'), '--method', 'tree', '--out', at('tree'));
    expect(r.code, r.stderr).toBe(0);
    const a = json('tree/analysis.json');
    const label = a.explanations!.tree_shap!['1'];
    // The model's columns as in the data (the id column is not a feature), a category as one column.
    expect(Object.keys(label.global_shap_values).sort()).toEqual(['age', 'gender', 'income', 'region', 'score_label']);
    const csv = readFileSync(at('tree/explanations_shap/out.csv'), 'utf8').trim().split('\n');
    expect(csv.length).toBe(301);
    expect(csv[0].split(',')).toEqual(Object.keys(label.global_shap_values));
    // Margins from the CLI's own predictions (probabilities → logit), row by row.
    const p = await runMlpad('predict', '--model', at('model.json'), '--data', at('loans.csv'));
    const probs = p.stdout.trim().split('\n').slice(1).map((l) => Number(l.split(',').at(-1)));
    for (let i = 1; i <= 300; i += 37) {
      const sum = csv[i].split(',').reduce((s, v) => s + Number(v), label.expected_value);
      const prob = probs[i - 1];
      expect(sum, `row ${i}`).toBeCloseTo(Math.log(prob / (1 - prob)), 4);
    }
    // mean_abs by hand from out.csv.
    const j = csv[0].split(',').indexOf('income');
    const meanAbs = csv.slice(1).reduce((s, l) => s + Math.abs(Number(l.split(',')[j])), 0) / 300;
    expect(label.global_shap_values.income).toBeCloseTo(meanAbs, 6);
  });

  it('--interactions writes exact interaction values whose rows sum to each column\'s SHAP value in out.csv', async () => {
    const r = await runMlpad('clarify', 'shap', '--model', at('model.json'), '--data', at('loans.csv'), '--method', 'tree', '--max-rows', '40', '--interactions', '--out', at('inter'));
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(at('inter/explanations_shap/interactions.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('row,label,feature_a,feature_b,value');
    const out = readFileSync(at('inter/explanations_shap/out.csv'), 'utf8').trim().split('\n');
    const names = out[0].split(',');
    expect(lines.length - 1).toBe(40 * names.length * names.length);
    const sums = new Map<string, number>();
    for (const line of lines.slice(1)) {
      const [row, , a, , value] = line.split(',');
      sums.set(`${row}|${a}`, (sums.get(`${row}|${a}`) ?? 0) + Number(value));
    }
    for (let i = 1; i <= 40; i++) {
      const values = out[i].split(',').map(Number);
      names.forEach((name, j) => expect(sums.get(`${i}|${name}`), `row ${i} ${name}`).toBeCloseTo(values[j], 6));
    }
  });

  it('Kernel SHAP: values sum to each row\'s probability minus the expected value; median aggregation', async () => {
    const r = await runMlpad('clarify', 'shap', '--model', at('model.json'), '--data', at('loans.csv'), '--method', 'kernel', '--max-rows', '30', '--num-samples', '64', '--agg-method', 'median', '--out', at('kernel'));
    expect(r.code, r.stderr).toBe(0);
    const label = json('kernel/analysis.json').explanations!.kernel_shap!['1'];
    const csv = readFileSync(at('kernel/explanations_shap/out.csv'), 'utf8').trim().split('\n');
    expect(csv.length).toBe(31);
    const p = await runMlpad('predict', '--model', at('model.json'), '--data', at('loans.csv'));
    const probs = p.stdout.trim().split('\n').slice(1).map((l) => Number(l.split(',').at(-1)));
    for (let i = 1; i <= 30; i++) {
      const sum = csv[i].split(',').reduce((s, v) => s + Number(v), label.expected_value);
      expect(sum, `row ${i}`).toBeCloseTo(probs[i - 1], 5);
    }
  });

  it('--features-to-explain explains only those columns (Kernel SHAP), and names a column the model lacks', async () => {
    const r = await runMlpad('clarify', 'shap', '--model', at('model.json'), '--data', at('loans.csv'), '--method', 'kernel', '--max-rows', '10', '--features-to-explain', 'income,region', '--out', at('some'));
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(json('some/analysis.json').explanations!.kernel_shap!['1'].global_shap_values)).toEqual(['income', 'region']);
    expect(readFileSync(at('some/explanations_shap/out.csv'), 'utf8').split('\n')[0]).toBe('income,region');
    const bad = await runMlpad('clarify', 'shap', '--model', at('model.json'), '--data', at('loans.csv'), '--method', 'kernel', '--features-to-explain', 'salary', '--out', at('x'));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/features_to_explain names "salary", which the model does not read/);
  });

  it('bad input: num_samples below the feature count, a model whose features the data lacks, method tree on a model without trees', async () => {
    const few = await runMlpad('clarify', 'shap', '--model', at('model.json'), '--data', at('loans.csv'), '--method', 'kernel', '--num-samples', '2', '--out', at('x'));
    expect(few.code).not.toBe(0);
    expect(few.stderr).toMatch(/num_samples \(2\) must be a whole number at least the number of features explained/);
    writeFileSync(at('short.csv'), 'gender,income\nmale,3\n');
    const lacks = await runMlpad('clarify', 'shap', '--model', at('model.json'), '--data', at('short.csv'), '--out', at('x'));
    expect(lacks.code).not.toBe(0);
    expect(lacks.stderr).toMatch(/lacks feature columns? .*"region"/);
    const km = await runMlpad('train', '--algorithm', 'kmeans', '--train', at('loans.csv'), '--hp', 'k=3', '--model-out', at('kmeans.json'));
    expect(km.code, km.stderr).toBe(0);
    const tree = await runMlpad('clarify', 'shap', '--model', at('kmeans.json'), '--data', at('loans.csv'), '--method', 'tree', '--out', at('x'));
    expect(tree.code).not.toBe(0);
    expect(tree.stderr).toMatch(/method tree needs a tree ensemble; kmeans models are explained with method kernel/);
  }, 60_000);
});

describe('mlpad clarify report', () => {
  it('writes one HTML file with no script that names every metric and feature', async () => {
    const merged = { ...json('bias.json'), ...json('tree/analysis.json') };
    writeFileSync(at('all.json'), JSON.stringify(merged));
    const r = await runMlpad('clarify', 'report', '--analysis', at('all.json'), '--shap', at('tree'), '--out', at('report.html'));
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(at('report.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("default-src 'none'");
    for (const name of ['CI', 'DPL', 'DPPL', 'DI', 'FT', 'income', 'region']) expect(html).toContain(name);
  });

  it('refuses a file that is not analysis.json', async () => {
    writeFileSync(at('other.json'), '{"a": 1}');
    const r = await runMlpad('clarify', 'report', '--analysis', at('other.json'), '--out', at('r.html'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/not a Clarify analysis.json/);
  });
});
