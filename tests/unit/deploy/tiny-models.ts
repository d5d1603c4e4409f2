// Tiny seeded datasets and one small model per registry algorithm, trained through `mlpad train` in-process
// (the CLI starts TensorFlow.js for the algorithms that need it), shared by the deploy tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '../../../src/lib/ml/random.ts';
import { runMlpad } from '../cli/run-mlpad.ts';

/** Columns: id (row key), a, b, c (numbers), color (category), then the targets label (yes/no), kind (3 classes), y (value). */
export function tinyCsv(rows: number, seed: number): string {
  const rng = new SeededRandom(seed);
  const colors = ['red', 'green', 'blue'];
  const lines = ['id,a,b,c,color,label,kind,y'];
  for (let i = 0; i < rows; i++) {
    const a = rng.next() * 4 - 2, b = rng.next() * 4 - 2, c = rng.next() * 2;
    const color = colors[Math.floor(rng.next() * 3)];
    const z = a + 0.5 * b + (color === 'red' ? 1 : 0) + (rng.next() - 0.5);
    const kind = a > 0.5 ? 'high' : a < -0.5 ? 'low' : 'mid';
    lines.push([1000 + i, a.toFixed(3), b.toFixed(3), c.toFixed(3), color, z > 0.3 ? 'yes' : 'no', kind, (2 * a - b + c).toFixed(3)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Keeps only the named columns of a CSV text (no quoting in tinyCsv). */
export function pickColumns(csv: string, names: string[]): string {
  const lines = csv.trimEnd().split('\n');
  const header = lines[0].split(',');
  const idx = names.map((n) => header.indexOf(n));
  return `${lines.map((l) => { const f = l.split(','); return idx.map((j) => f[j]).join(','); }).join('\n')}\n`;
}

export interface TinyCase {
  /** Case name, e.g. 'xgboost' or 'xgboost-multiclass'. */
  name: string;
  algorithm: string;
  target?: string;
  hp: string[];
}

/** One case per registry algorithm (binary where supervised), plus multiclass and regression variants. */
export const CASES: TinyCase[] = [
  { name: 'xgboost', algorithm: 'xgboost', target: 'label', hp: ['num_round=8', 'max_depth=3'] },
  { name: 'linear-learner', algorithm: 'linear-learner', target: 'label', hp: ['epochs=3'] },
  { name: 'knn', algorithm: 'knn', target: 'label', hp: ['k=5'] },
  { name: 'kmeans', algorithm: 'kmeans', hp: ['k=3'] },
  { name: 'pca', algorithm: 'pca', hp: ['num_components=2'] },
  { name: 'randomcutforest', algorithm: 'randomcutforest', hp: ['num_trees=50', 'num_samples_per_tree=64'] },
  { name: 'factorization-machines', algorithm: 'factorization-machines', target: 'label', hp: ['epochs=3', 'num_factors=2'] },
  { name: 'mlp', algorithm: 'mlp', target: 'label', hp: ['epochs=3'] },
  { name: 'xgboost-multiclass', algorithm: 'xgboost', target: 'kind', hp: ['num_round=5', 'max_depth=3'] },
  { name: 'linear-learner-multiclass', algorithm: 'linear-learner', target: 'kind', hp: ['epochs=3'] },
  { name: 'knn-regression', algorithm: 'knn', target: 'y', hp: ['k=5'] },
  { name: 'xgboost-regression', algorithm: 'xgboost', target: 'y', hp: ['num_round=5'] },
];

/** Trains `c` on `rows` rows in `dir`; resolves to the model path. Unsupervised cases see the feature columns only. */
export async function trainTiny(dir: string, c: TinyCase, rows = 240): Promise<string> {
  const csv = tinyCsv(rows, 7);
  const cols = c.target ? ['id', 'a', 'b', 'c', 'color', c.target] : ['id', 'a', 'b', 'c', 'color'];
  const data = join(dir, `train-${c.name}.csv`);
  writeFileSync(data, pickColumns(csv, cols));
  const model = join(dir, `${c.name}.model.json`);
  const r = await runMlpad('train', '--algorithm', c.algorithm, '--train', data, ...(c.target ? ['--target', c.target] : []), '--hp', ...c.hp, '--model-out', model, '--metrics-out', join(dir, `${c.name}.metrics.json`), '--holdout', '0');
  if (r.code !== 0) throw new Error(`training ${c.name} failed: ${r.stderr}`);
  return model;
}

/** A fresh temporary folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
