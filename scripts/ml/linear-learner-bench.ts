// linear-learner against scikit-learn on its bundled datasets: mlpad's test figures beside
// StandardScaler + LogisticRegression / Ridge (scripts/ml/sklearn_linear-learner.py).
// Run: npx tsx scripts/ml/linear-learner-bench.ts [epochs] [backend cpu|wasm] [key=value hyperparameters…]
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { linearLearnerEstimator as ll } from '../../src/lib/ml/linear-learner/linear-learner-estimator.ts';
import { rocAuc } from '../../src/lib/ml/metrics/auc.ts';
import type { FitData, Task } from '../../src/lib/ml/estimator.ts';
import { splitRows } from '../../src/lib/ml/prepare/split.ts';

interface Split { X_train: number[][]; y_train: number[]; X_test: number[][]; y_test: number[]; reference: Record<string, number> }

function load(name: string, rows?: number): Split {
  const path = new URL('./sklearn_linear-learner.py', import.meta.url).pathname;
  const run = spawnSync('/usr/bin/python3', [path], { input: JSON.stringify({ name, rows }), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Split;
}

const matrix = (X: number[][]) => ({ features: Float32Array.from(X.flat()), nRows: X.length, nCols: X[0].length });

/** The training rows, less `fraction` held out as validation the way mlpad's job runner splits (stratified for classes, seed 0). */
function holdOut(X: number[][], y: number[], fraction: number, stratified: boolean): { train: FitData; validation?: FitData } {
  const all = { ...matrix(X), labels: Float32Array.from(y) };
  if (fraction === 0) return { train: all };
  const parts = splitRows(Uint32Array.from(y, (_, i) => i), { method: stratified ? 'stratified' : 'random', validationFraction: fraction, testFraction: 0, seed: 0 },
    Float32Array.from(y));
  const pick = (rows: Uint32Array) => ({ ...matrix(Array.from(rows, (i) => X[i])), labels: Float32Array.from(rows, (i) => y[i]) });
  return { train: pick(parts.train), validation: pick(parts.validation) };
}

async function main() {
  const epochs = Number(process.argv[2] ?? 100);
  await tf.setBackend(process.argv[3] ?? 'cpu');
  const extra = Object.fromEntries(process.argv.slice(4).map((kv) => kv.split('=') as [string, string]));
  // holdout=F holds F of the training rows out for validation (the CLI's default is 0.2).
  const holdout = Number(extra.holdout ?? 0.2);
  delete extra.holdout;
  const only = extra.only;
  delete extra.only;
  const rowsArg = extra.rows;
  delete extra.rows;
  const jobs: [string, Task][] = [['breast_cancer', 'binary'], ['wine', 'multiclass'], ['digits', 'multiclass'], ['diabetes', 'regression']];
  for (const [name, task] of jobs) {
    if (only && !only.split(',').includes(name)) continue;
    const s = load(name, rowsArg && name === 'digits' ? Number(rowsArg) : undefined);
    const classes = task === 'regression' ? undefined : [...new Set(s.y_train)].sort((a, b) => a - b).map(String);
    const facts = { task, classes, nRows: s.y_train.length, nCols: s.X_train[0].length, featureNames: [] };
    const params = ll.resolve({ ...ll.taskDefaults(facts), epochs, ...extra });
    const t0 = performance.now();
    const { train, validation } = holdOut(s.X_train, s.y_train, holdout, task !== 'regression');
    const onRound = process.env.VERBOSE ? (i: number, m: unknown) => console.log(i, JSON.stringify(m)) : undefined;
    const fitted = await ll.fit(train, params, { facts: { ...facts, nRows: train.nRows }, validation, callbacks: { onRound } });
    const ms = performance.now() - t0;
    const out = await ll.infer(fitted.model, matrix(s.X_test));
    const y = Float32Array.from(s.y_test);
    let line: string;
    if (out.kind === 'classification') {
      const acc = out.predictedLabel.reduce((a, p, i) => a + (p === y[i] ? 1 : 0), 0) / y.length;
      line = `accuracy ${acc.toFixed(4)} (sklearn ${s.reference.accuracy.toFixed(4)})`;
      if (task === 'binary') line += `  auc ${rocAuc(out.probabilities, y).toFixed(4)} (sklearn ${s.reference.auc.toFixed(4)})`;
    } else if (out.kind === 'regression') {
      const rmse = Math.sqrt(out.score.reduce((a, p, i) => a + (p - y[i]) ** 2, 0) / y.length);
      line = `rmse ${rmse.toFixed(3)} (sklearn ${s.reference.rmse.toFixed(3)}, ratio ${(rmse / s.reference.rmse).toFixed(4)})`;
    } else throw new Error('unexpected inference kind');
    console.log(`${name.padEnd(14)} ${line}  epochs ${fitted.rounds} best ${fitted.bestIteration} kept ${JSON.stringify(fitted.model.kept)} thr ${fitted.model.threshold} ${ms.toFixed(0)} ms`);
  }
}

void main();
