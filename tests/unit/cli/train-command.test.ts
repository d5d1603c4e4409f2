// `mlpad train` and `mlpad predict` as a user runs them: real processes through bin/mlpad.js, checking
// exit codes, the one-line messages and the files written.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnMlpad } from './spawn-mlpad.ts';
import { SeededRandom } from '../../../src/lib/ml/random.ts';

const SAMPLES = fileURLToPath(new URL('../../../public/samples/', import.meta.url));
const LOAN = join(SAMPLES, 'loan-approval.csv');
const PENGUINS = join(SAMPLES, 'penguins.json');
const dir = mkdtempSync(join(tmpdir(), 'mlpad-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mlpad = (...args: string[]) => spawnMlpad(dir, ...args);

const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const csvRows = (text: string) => text.trim().split('\n').map((l) => l.split(','));

function regressionCsv(n: number, seed: number): string {
  const rng = new SeededRandom(seed);
  const lines = ['x1,x2,group,y'];
  for (let i = 0; i < n; i++) {
    const x1 = rng.next() * 10, x2 = rng.next() * 6, g = ['a', 'b', 'c'][rng.nextInt(3)];
    const y = 2 * x1 + 3 * Math.sin(x2) + (g === 'b' ? 4 : 0) + (rng.next() - 0.5);
    lines.push(`${x1.toFixed(4)},${x2.toFixed(4)},${g},${y.toFixed(4)}`);
  }
  return lines.join('\n') + '\n';
}

writeFileSync(join(dir, 'reg-train.csv'), regressionCsv(600, 1));
writeFileSync(join(dir, 'reg-valid.csv'), regressionCsv(200, 2));
writeFileSync(join(dir, 'reg-test.csv'), regressionCsv(200, 3));
writeFileSync(join(dir, 'one-class.csv'), 'x,y\n1,a\n2,a\n3,a\n');
writeFileSync(join(dir, 'bad-number.csv'), ['x,z,y', ...Array.from({ length: 30 }, (_, i) => `${i === 7 ? 'oops' : i * 1.5},${i % 3},${i % 2}`)].join('\n') + '\n');

describe('mlpad train / predict happy paths', () => {
  it('binary on loan-approval.csv: progress on stderr, model with encoding, metrics.json, then predict', async () => {
    const r = await mlpad('train', '--train', LOAN, '--target', 'approved', '--hp', 'num_round=30 max_depth=4', '--model-out', 'loan.json', '--metrics-out', 'loan-metrics.json');
    expect(r.stderr).toMatch(/^\[0\]\ttrain-logloss:/m);
    expect(r.stderr).toMatch(/^\[29\]\ttrain-logloss:/m);
    expect(r.code).toBe(0);
    const m = JSON.parse(read('loan-metrics.json'));
    expect(m).toMatchObject({ algorithm: 'xgboost', kind: 'supervised', task: 'binary', classes: ['0', '1'], positive_label: '1', rounds: 30, test: null });
    // No --validation or --test: the studio's 20% is held out, and said so.
    expect(m.validation.rows).toBe(400);
    expect(m.notes).toContain('20% of the training rows (400) were held out for validation, as the studio does; --holdout 0 trains on every row');
    expect(Object.keys(m.train)).toEqual(['auc', 'accuracy', 'logloss', 'rows']);
    expect(m.train.auc).toBeGreaterThan(0.9);
    expect(m.load_seconds).toBeGreaterThan(0);
    expect(m.train_seconds).toBeGreaterThan(0);
    expect(m.notes).toContain('column "applicant_id" (id) is not used as a feature');
    expect(m.feature_importance[0]).toHaveProperty('total_gain');
    const model = JSON.parse(read('loan.json'));
    expect(JSON.parse(model.learner.attributes.mlpad_encoding).target).toBe('approved');

    const p = await mlpad('predict', '--model', 'loan.json', '--data', LOAN, '--out', 'loan-pred.csv');
    expect(p.code).toBe(0);
    const rows = csvRows(read('loan-pred.csv'));
    expect(rows[0]).toEqual(['predicted_label', 'probability_0', 'probability_1']);
    expect(rows).toHaveLength(2001);
    for (const row of rows.slice(1, 50)) {
      expect(Number(row[1]) + Number(row[2])).toBeCloseTo(1, 6);
      expect(row[0]).toBe(Number(row[2]) > 0.5 ? '1' : '0');
    }
  });

  it('multiclass with string labels on penguins.json; predict writes one probability per class', async () => {
    const r = await mlpad('train', '--train', PENGUINS, '--target', 'Species', '--hp', 'num_round=15', '--model-out', 'peng.json', '--metrics-out', 'peng-metrics.json');
    expect(r.code).toBe(0);
    const m = JSON.parse(read('peng-metrics.json'));
    expect(m).toMatchObject({ task: 'multiclass', classes: ['Adelie', 'Chinstrap', 'Gentoo'], hyperparameters: { objective: 'multi:softprob', num_class: '3' } });
    expect(m.train.accuracy).toBeGreaterThan(0.95);
    const p = await mlpad('predict', '--model', 'peng.json', '--data', PENGUINS);
    expect(p.code).toBe(0);
    const rows = csvRows(p.stdout);
    expect(rows[0]).toEqual(['predicted_label', 'probability_Adelie', 'probability_Chinstrap', 'probability_Gentoo']);
    expect(rows[1][0]).toBe('Adelie');
  });

  it('regression with --validation and --test files and early stopping', async () => {
    const r = await mlpad('train', '--train', 'reg-train.csv', '--target', 'y', '--validation', 'reg-valid.csv', '--test', 'reg-test.csv',
      '--hp', 'num_round=300,eta=0.3,early_stopping_rounds=10', '--metrics-out', 'reg-metrics.json', '--model-out', 'reg.json', '--progress-every', '50');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/validation-rmse:/);
    const m = JSON.parse(read('reg-metrics.json'));
    expect(m.task).toBe('regression');
    expect(Object.keys(m.test)).toEqual(['rmse', 'mae', 'r2', 'rows']);
    expect(m.test.r2).toBeGreaterThan(0.9);
    expect(m.best_iteration).toBeLessThan(m.rounds);
    const p = await mlpad('predict', '--model', 'reg.json', '--data', 'reg-test.csv');
    const rows = csvRows(p.stdout);
    expect(rows[0]).toEqual(['score']);
    expect(rows).toHaveLength(201);
  });
});

describe.concurrent('mlpad train errors: exit code and one line naming the problem', () => {
  const cases: [string, string[], number, RegExp][] = [
    ['eta <= 0', ['--hp', 'eta=0'], 1, /^mlpad: eta must be in \(0, 1\]; got "0"\n$/],
    ['max_depth < 0', ['--hp', 'max_depth=-1'], 1, /^mlpad: max_depth must be an integer in \[0, ∞\); got "-1"\n$/],
    ['an unknown hyperparameter', ['--hp', 'etaa=0.1'], 1, /^mlpad: unknown hyperparameter "etaa" \(did you mean "eta"\?\)\n$/],
    ['a target missing from the file', ['--target', 'nope'], 1, /^mlpad: target "nope" is not a column of the data; columns are "applicant_id", /],
    ['a malformed --hp', ['--hp', 'eta'], 2, /^mlpad: --hp takes NAME=VALUE pairs/],
    ['tree_method gpu_hist (WebGPU is the studio\'s)', ['--hp', 'tree_method=gpu_hist'], 1, /^mlpad: tree_method gpu_hist needs WebGPU: WebGPU is not available here \(no navigator\.gpu\)\. Set tree_method to hist \(or auto\) to train on the CPU\.\n$/],
  ];
  for (const [what, extra, code, message] of cases) {
    it(what, async () => {
      const args = ['train', '--train', LOAN, '--target', 'approved', ...extra];
      // The later --target wins: parseFlags refuses repeats, so replace it instead.
      const i = extra.indexOf('--target');
      if (i >= 0) args.splice(3, 2);
      const r = await mlpad(...args);
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    });
  }

  it('a single-class target', async () => {
    const r = await mlpad('train', '--train', 'one-class.csv', '--target', 'y');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('mlpad: target "y" has only one class ("a"); classification needs at least two\n');
  });

  it('num_class disagreeing with the data', async () => {
    const r = await mlpad('train', '--train', PENGUINS, '--target', 'Species', '--hp', 'objective=multi:softprob num_class=4');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('mlpad: num_class is 4 but target "Species" has 3 classes (Adelie, Chinstrap, Gentoo); remove num_class or set it to 3\n');
  });

  it('strings in a numeric column (and --invalid-numbers missing to accept them)', async () => {
    const r = await mlpad('train', '--train', 'bad-number.csv', '--target', 'y');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('mlpad: column "x" is numeric but 1 cell is not a number (first: "oops" in data row 8); fix or blank those cells, or treat the column as categorical\n');
    const ok = await mlpad('train', '--train', 'bad-number.csv', '--target', 'y', '--hp', 'num_round=2', '--invalid-numbers', 'missing', '--model-out', 'bad.json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).notes.join(' ')).toMatch(/read as missing/);
  });

  it('a missing --target is a usage error (exit 2)', async () => {
    const r = await mlpad('train', '--train', LOAN);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mlpad: 'mlpad train' needs --target COLUMN/);
  });

  it('predict names the feature columns the data lacks', async () => {
    const t = await mlpad('train', '--train', 'reg-train.csv', '--target', 'y', '--hp', 'num_round=2', '--model-out', 'small.json');
    expect(t.code).toBe(0);
    writeFileSync(join(dir, 'partial.csv'), 'x1\n1\n');
    const r = await mlpad('predict', '--model', 'small.json', '--data', 'partial.csv');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('mlpad: partial.csv: the data lacks feature columns "x2", "group" that the model was trained on\n');
  });
});
