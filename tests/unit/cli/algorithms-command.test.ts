// Every registered algorithm through `mlpad train` and `mlpad predict` (in-process): the model file names its
// algorithm, metrics.json keeps one layout, predict writes SageMaker's inference fields; and the bad
// inputs each end in one sentence and a non-zero exit.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/lib/ml/random.ts';
import { runMlpad } from './run-mlpad.ts';

const SAMPLES = fileURLToPath(new URL('../../../public/samples/', import.meta.url));
const PENGUINS = join(SAMPLES, 'penguins.json');
const dir = mkdtempSync(join(tmpdir(), 'mlpad-algorithms-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

const run = runMlpad;

/** 300 rows: two numeric features, a category, a binary label, a numeric target, a user × item pair and an anomaly flag. */
function table(): string {
  const rng = new SeededRandom(3);
  const lines = ['a,b,c,label,value,user,item,spike'];
  for (let i = 0; i < 300; i++) {
    const a = rng.next() * 4 - 2, b = rng.next() * 4 - 2, c = ['x', 'y', 'z'][i % 3];
    const spike = i % 50 === 7 ? 1 : 0;
    lines.push([(a + spike * 9).toFixed(3), b.toFixed(3), c, a + b > 0 ? 'yes' : 'no', (2 * a - b + rng.next() * 0.1).toFixed(3), `u${i % 20}`, `i${i % 7}`, spike].join(','));
  }
  return lines.join('\n') + '\n';
}
writeFileSync(at('data.csv'), table());

const header = (csv: string) => csv.split('\n')[0];

describe('every algorithm through mlpad train and mlpad predict', () => {
  const cases: [string, string[], string][] = [
    ['linear-learner', ['--target', 'label', '--hp', 'epochs=5'], 'predicted_label,probability_no,probability_yes'],
    ['knn', ['--target', 'value', '--hp', 'k=3'], 'score'],
    ['kmeans', ['--hp', 'k=4'], 'closest_cluster,distance_to_cluster'],
    ['pca', ['--hp', 'num_components=2'], 'projection_1,projection_2'],
    ['randomcutforest', ['--target', 'spike', '--hp', 'num_trees=50 num_samples_per_tree=64'], 'score'],
    ['factorization-machines', ['--target', 'value', '--hp', 'epochs=3 num_factors=4'], 'score'],
    ['mlp', ['--target', 'label', '--hp', 'epochs=5 hidden_units=8'], 'predicted_label,probability_no,probability_yes'],
  ];
  for (const [algorithm, args, predictHeader] of cases) {
    it(`${algorithm}: model file, metrics.json, predictions`, async () => {
      const t = await run('train', '--algorithm', algorithm, '--train', at('data.csv'), ...args, '--backend', 'cpu', '--model-out', at(`${algorithm}.json`), '--metrics-out', at(`${algorithm}-metrics.json`));
      expect(t.stderr).not.toMatch(/internal error/);
      expect(t.code).toBe(0);
      const model = JSON.parse(readFileSync(at(`${algorithm}.json`), 'utf8'));
      expect(model).toMatchObject({ format: 'mlpad-model', algorithm, version: 1 });
      expect(JSON.parse(model.attributes.mlpad_encoding).featureNames.length).toBeGreaterThan(0);
      const m = JSON.parse(readFileSync(at(`${algorithm}-metrics.json`), 'utf8'));
      expect(Object.keys(m).slice(0, 3)).toEqual(['algorithm', 'kind', 'task']);
      // Supervised jobs hold out the studio's 20% for validation when no file is given; the others use every row.
      expect(m.train.rows).toBe(m.kind === 'supervised' ? 240 : 300);
      if (m.kind === 'supervised') expect(m.validation.rows).toBe(60);
      expect(m).toHaveProperty('validation');
      expect(m).toHaveProperty('test');
      expect(m.rounds).toBeGreaterThan(0);
      const p = await run('predict', '--model', at(`${algorithm}.json`), '--data', at('data.csv'));
      expect(p.stderr).toBe('');
      expect(header(p.stdout)).toBe(predictHeader);
      expect(p.stdout.trim().split('\n')).toHaveLength(301);
    });
  }

  it('metrics.json holds each kind\'s metrics: msd and ssd, explained_variance_ratio as a list, the anomaly score summary with label metrics', () => {
    const read = (a: string) => JSON.parse(readFileSync(at(`${a}-metrics.json`), 'utf8'));
    expect(Object.keys(read('kmeans').train)).toEqual(['msd', 'ssd', 'rows']);
    expect(read('pca').train.explained_variance_ratio).toHaveLength(2);
    expect(read('pca').explained_variance_ratio).toHaveLength(2);
    const rcf = read('randomcutforest');
    expect(rcf.train).toMatchObject({ accuracy: expect.any(Number), precision: expect.any(Number), recall: expect.any(Number), f1: expect.any(Number) });
    expect(rcf.score_threshold).toBeGreaterThan(0);
    expect(read('linear-learner').train).toMatchObject({ auc: expect.any(Number), accuracy: expect.any(Number), logloss: expect.any(Number) });
    expect(Object.keys(read('knn').train)).toEqual(['rmse', 'mae', 'r2', 'rows']);
  });
});

describe('bad input: one sentence, non-zero exit', () => {
  const cases: [string, string[], number, RegExp][] = [
    ['k larger than the rows (knn)', ['--algorithm', 'knn', '--target', 'label', '--hp', 'k=1000'], 1, /^mlpad: k must be in \[1, 240\], at most the training rows; got 1000\n$/],
    ['k larger than the rows (kmeans)', ['--algorithm', 'kmeans', '--hp', 'k=1000'], 1, /^mlpad: k must be an integer in \[2, 300\]/],
    ['num_components larger than the columns', ['--algorithm', 'pca', '--hp', 'num_components=500'], 1, /^mlpad: num_components must be an integer in \[1, \d+\]/],
    ['a target given to an unsupervised algorithm', ['--algorithm', 'kmeans', '--target', 'label'], 2, /^mlpad: kmeans learns without a target; remove --target label\n/],
    ['predictor_type that does not fit the target', ['--algorithm', 'linear-learner', '--target', 'label', '--hp', 'predictor_type=regressor'], 1, /^mlpad: predictor_type/],
    ['an invalid hyperparameter', ['--algorithm', 'mlp', '--target', 'label', '--hp', 'dropout=1'], 1, /^mlpad: dropout must be in \[0, 1\); got "1"\n$/],
    ['an unknown algorithm', ['--algorithm', 'svm', '--target', 'label'], 2, /^mlpad: --algorithm: unknown algorithm "svm"; choose one of xgboost, linear-learner, knn, kmeans, pca, randomcutforest, factorization-machines, mlp\n/],
    ['a missing target for a supervised algorithm', ['--algorithm', 'knn'], 2, /^mlpad: 'mlpad train' needs --target COLUMN for knn\n/],
  ];
  for (const [what, args, code, message] of cases) {
    it(what, async () => {
      const r = await run('train', '--train', at('data.csv'), '--backend', 'cpu', ...args, '--model-out', at('bad.json'));
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(code);
    });
  }

  it('NaN in features: filled with the training mean and said in the notes (linear-learner on penguins)', async () => {
    const r = await run('train', '--algorithm', 'linear-learner', '--train', PENGUINS, '--target', 'Species', '--hp', 'epochs=2', '--backend', 'cpu', '--model-out', at('ll-peng.json'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).notes.join('\n')).toMatch(/feature "Beak Length \(mm\)": 2 missing values filled with the training mean 43\.\d/);
  });

  it('predict: an unknown --algorithm is a usage error; a non-JSON model and a model of another algorithm name the file', async () => {
    writeFileSync(at('not-json.json'), 'hello');
    expect(await run('predict', '--model', at('pca.json'), '--data', at('data.csv'), '--algorithm', 'svm')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^mlpad: --algorithm: unknown algorithm "svm"/) });
    expect(await run('predict', '--model', at('not-json.json'), '--data', at('data.csv'))).toMatchObject({ code: 1, stderr: expect.stringMatching(new RegExp(`^mlpad: ${at('not-json.json')}: the model file is not JSON`)) });
    expect(await run('predict', '--model', at('pca.json'), '--data', at('data.csv'), '--algorithm', 'kmeans'))
      .toMatchObject({ code: 1, stderr: `mlpad: ${at('pca.json')}: the model file holds a pca model, not a kmeans model; leave --algorithm out to use the file's\n` });
  });

  it('predict and train name a data file with a missing column or a bad cell', async () => {
    writeFileSync(at('partial.csv'), 'a,b\n1,2\n');
    expect(await run('predict', '--model', at('kmeans.json'), '--data', at('partial.csv')))
      .toMatchObject({ code: 1, stderr: `mlpad: ${at('partial.csv')}: the data lacks feature columns "c", "label", "value", "user", "item", "spike" that the model was trained on\n` });
    writeFileSync(at('bad-cell.csv'), 'a,b,c,label,value,user,item,spike\n1,oops,x,yes,1,u1,i1,0\n');
    const r = await run('train', '--algorithm', 'linear-learner', '--train', at('data.csv'), '--target', 'label', '--test', at('bad-cell.csv'), '--backend', 'cpu');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^mlpad: ${at('bad-cell.csv')}: column "b" is numeric but 1 cell is not a number \\(first: "oops" in data row 1\\)`));
  });
});

describe('held-out rows', () => {
  it('--holdout sets the share held out, 0 trains on every row; a --test file alone means every row trains', async () => {
    const read = async (...args: string[]) => JSON.parse((await run('train', '--algorithm', 'linear-learner', '--train', at('data.csv'), '--target', 'label', '--hp', 'epochs=2', '--backend', 'cpu', '--model-out', at('h.json'), ...args)).stdout);
    expect((await read('--holdout', '0.5')).validation.rows).toBe(150);
    const all = await read('--holdout', '0');
    expect([all.train.rows, all.validation]).toEqual([300, null]);
    expect((await read('--test', at('data.csv'))).train.rows).toBe(300);
    expect(await run('train', '--train', at('data.csv'), '--target', 'label', '--holdout', '1')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^mlpad: --holdout must be a fraction in \[0, 1\); got "1"/) });
  });
});

describe('mlpad algorithms', () => {
  it('lists every algorithm with its kind, and one algorithm\'s hyperparameters with type, default, range and help', async () => {
    const all = await run('algorithms');
    expect(all.code).toBe(0);
    expect(all.stdout.split('\n').filter((l) => /^[a-z]/.test(l)).map((l) => l.split(/\s+/)[0]))
      .toEqual(['xgboost', 'linear-learner', 'knn', 'kmeans', 'pca', 'randomcutforest', 'factorization-machines', 'mlp']);
    const km = await run('algorithms', '--algorithm', 'kmeans');
    expect(km.stdout).toMatch(/^kmeans \(clustering; target none\)/);
    expect(km.stdout).toMatch(/\n {2}k\n {6}integer in \[2, ∞\); default 3\n/);
    expect(await run('algorithms', '--algorithm', 'svm')).toMatchObject({ code: 2 });
  });
});
