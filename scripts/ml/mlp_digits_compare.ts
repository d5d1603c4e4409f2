// mlpad's mlp beside scikit-learn's MLPClassifier() on digits (stratified 75/25 split, random_state 0),
// both at their defaults, and MLPRegressor beside mlp on diabetes. Needs /usr/bin/python3 with sklearn (python3-sklearn).
//   npx tsx scripts/ml/mlp_digits_compare.ts [cpu|wasm ...]   (default: cpu wasm; about 1-2 minutes on 2 cores)
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mlpEstimator } from '../../src/lib/ml/mlp/mlp-estimator.ts';
import type { Task } from '../../src/lib/ml/prepare/types.ts';

interface Split { X_train: number[][]; y_train: number[]; X_test: number[][]; y_test: number[]; accuracy?: number; rmse?: number; n_iter?: number; mean_rmse: number }

function reference(request: object): Split {
  const path = new URL('./sklearn_mlp.py', import.meta.url).pathname;
  const run = spawnSync('/usr/bin/python3', [path], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`sklearn_mlp.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Split;
}

function matrix(X: number[][]) {
  return { features: Float32Array.from(X.flat()), nRows: X.length, nCols: X[0].length };
}

async function run(s: Split, task: Task, classes?: string[]) {
  const params = mlpEstimator.resolve({});
  const facts = { task, classes, nRows: s.X_train.length, nCols: s.X_train[0].length, featureNames: [] };
  const t0 = performance.now();
  const fitted = await mlpEstimator.fit({ ...matrix(s.X_train), labels: Float32Array.from(s.y_train) }, params, { facts, evalTrain: false });
  const seconds = (performance.now() - t0) / 1000;
  const inf = await mlpEstimator.infer(fitted.model, matrix(s.X_test));
  let figure: number;
  if (inf.kind === 'classification') figure = inf.predictedLabel.reduce((a, p, i) => a + (p === s.y_test[i] ? 1 : 0), 0) / s.y_test.length;
  else if (inf.kind === 'regression') figure = Math.sqrt(inf.score.reduce((a, p, i) => a + (p - s.y_test[i]) ** 2, 0) / s.y_test.length);
  else throw new Error('unexpected inference kind');
  return { figure, epochs: fitted.rounds ?? 0, seconds };
}

const backends = process.argv.slice(2).length ? process.argv.slice(2) : ['cpu', 'wasm'];
const digits = reference({ dataset: 'digits', sklearn: {} });
const digitsScaled = reference({ dataset: 'digits', scale: true, sklearn: {} });
const diabetes = reference({ dataset: 'diabetes', scale: true, sklearn: {} });
const lines: string[] = [
  '| dataset | metric | backend | mlpad mlp | epochs | seconds | MLP, raw features | MLP, standardised | sklearn epochs | mean predictor |',
  '|---|---|---|---|---|---|---|---|---|---|',
];
for (const backend of backends) {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not initialise`);
  await tf.ready();
  const d = await run(digits, 'multiclass', Array.from({ length: 10 }, (_, i) => String(i)));
  lines.push(`| digits | test accuracy | ${backend} | ${d.figure.toFixed(4)} | ${d.epochs} | ${d.seconds.toFixed(1)} | ${digits.accuracy?.toFixed(4)} | ${digitsScaled.accuracy?.toFixed(4)} | ${digits.n_iter} / ${digitsScaled.n_iter} | |`);
  const r = await run(diabetes, 'regression');
  lines.push(`| diabetes | test RMSE | ${backend} | ${r.figure.toFixed(2)} | ${r.epochs} | ${r.seconds.toFixed(1)} | | ${diabetes.rmse?.toFixed(2)} | ${diabetes.n_iter} | ${diabetes.mean_rmse.toFixed(2)} |`);
}
console.log(lines.join('\n'));
console.log('scikit-learn 1.2: MLPClassifier(random_state=0) / MLPRegressor(random_state=0) at their defaults; "standardised" fits on');
console.log('features (and the diabetes target) standardised with the training statistics, as mlp\'s normalize_data / normalize_label do.');
console.log('Split: train_test_split(test_size=0.25, random_state=0), stratified for digits. mlpad: mlp defaults, no validation set.');
const worst = Math.max(...lines.slice(2).filter((l) => l.startsWith('| digits')).map((l) => Math.abs(Number(l.split('|')[4]) - (digits.accuracy as number))));
console.log(`target: digits accuracy within 0.02 of MLPClassifier() on raw features: ${worst <= 0.02 ? 'met' : 'MISSED'} (largest gap ${worst.toFixed(4)})`);
