// Shared by the export tests (Node and Chromium): a generated table of raw values (numeric with missing
// cells, integer, categorical with missing cells, boolean, ISO dates) with a binary, a multiclass and a
// regression target; a model trained on it by mlpad's job runner; mlpad's own inference for raw rows
// (estimator.infer after modelFeatures, as `mlpad predict` does); and the comparison of records.
import { tableFromArrays } from 'apache-arrow';
import type { SemanticType } from '../../../src/lib/data/types.ts';
import { modelFeatures } from '../../../src/lib/engine/model-features.ts';
import { runTrainingJob } from '../../../src/lib/engine/run-job.ts';
import type { Inference } from '../../../src/lib/ml/estimator.ts';
import { detectAlgorithm } from '../../../src/lib/ml/model-file.ts';
import { encodingFromAttributes } from '../../../src/lib/ml/prepare/index.ts';
import { SeededRandom } from '../../../src/lib/ml/random.ts';
import { getAlgorithm } from '../../../src/lib/ml/registry.ts';

export type Cell = number | string | boolean | null;
export type Row = Record<string, Cell>;

/** Input columns of the generated rows (targets excluded). */
export const INPUTS = ['a', 'b', 'c', 'flag', 'day'] as const;
export const TARGETS = { binary: 'yb', multiclass: 'ym', regression: 'yr' } as const;

/** `n` rows from `seed`: `a` is missing in ~8% of rows and `c` in ~5%. */
export function makeRows(n: number, seed: number): Row[] {
  const rng = new SeededRandom(seed);
  return Array.from({ length: n }, () => {
    const a = Number((rng.next() * 4 - 2).toFixed(3));
    const b = rng.nextInt(50);
    const c = ['red', 'green', 'blue', 'amber'][rng.nextInt(4)];
    const flag = rng.next() < 0.4;
    const day = `2024-0${1 + rng.nextInt(9)}-1${rng.nextInt(10)}`;
    const noise = rng.next() - 0.5;
    const s = a + b / 25 - 1 + (c === 'red' ? 0.8 : c === 'blue' ? -0.6 : 0) + (flag ? 0.5 : 0) + noise;
    return {
      a: rng.next() < 0.08 ? null : a, b, c: rng.next() < 0.05 ? null : c, flag, day,
      yb: s > 0.2 ? 'yes' : 'no', ym: s < -0.4 ? 'low' : s < 0.8 ? 'mid' : 'high', yr: Number((3 * s + 10).toFixed(3)),
    };
  });
}

/** Inputs of the autopilot-preprocessed cases: the columns above, a 48-category `city` (target-encoded) and free text `note` (hashed n-grams). */
export const AUTOPILOT_INPUTS = [...INPUTS, 'city', 'note'] as const;

const WORDS = ['fast', 'slow', 'red', 'broken', 'great', 'value', 'late', 'again', 'Café', 'naïve', '東京', 'x-ray'];

/** makeRows' rows plus `city` (missing in ~5%) and `note` (missing in ~5%), from a stream of their own so makeRows' rows are unchanged. */
export function makeAutopilotRows(n: number, seed: number): Row[] {
  const rng = new SeededRandom(seed + 1000);
  return makeRows(n, seed).map((r) => {
    const city = `city${rng.nextInt(48)}`;
    const words = Array.from({ length: 1 + rng.nextInt(6) }, () => WORDS[rng.nextInt(WORDS.length)]);
    const note = words.join(rng.next() < 0.5 ? ' ' : ', ') + (rng.next() < 0.3 ? '!' : '');
    // The city nudges the targets, so its encoding matters to the model.
    const shift = Number(city.slice(4)) % 3 === 0 ? 1 : 0;
    return {
      ...r, city: rng.next() < 0.05 ? null : city, note: rng.next() < 0.05 ? null : note,
      yb: shift && r.yb === 'no' && rng.next() < 0.5 ? 'yes' : r.yb, yr: Number(((r.yr as number) + 2 * shift).toFixed(3)),
    };
  });
}

/** Prediction rows for the autopilot cases: fresh rows, an unseen city and unseen words, missing city and note, a row that lacks them. */
export function autopilotPredictionRows(): Row[] {
  const rows = makeAutopilotRows(60, 99).map((r) => Object.fromEntries(AUTOPILOT_INPUTS.map((k) => [k, r[k]])) as Row);
  rows.push({ a: 0.5, b: 10, c: 'red', flag: true, day: '2024-05-15', city: 'city-unknown', note: 'Completely NEW words; never seen' });
  rows.push({ a: null, b: 30, c: null, flag: false, day: null, city: null, note: null });
  rows.push({ a: 1.25, c: 'red', flag: true });
  return rows;
}

/** Rows to predict: fresh rows, plus an unseen category, missing cells and a row that lacks inputs. */
export function predictionRows(): Row[] {
  const rows = makeRows(60, 99).map((r) => Object.fromEntries(INPUTS.map((k) => [k, r[k]])) as Row);
  rows.push({ a: 0.5, b: 10, c: 'purple', flag: true, day: '2024-05-15' });
  rows.push({ a: null, b: 30, c: null, flag: false, day: '2024-02-01' });
  rows.push({ a: 1.25, c: 'red', flag: true });
  return rows;
}

/** The rows as an Arrow table of their raw values (a key a row lacks is a null cell). */
export function tableOf(rows: readonly Row[], columns: readonly string[]) {
  return tableFromArrays(Object.fromEntries(columns.map((k) => [k, rows.map((r) => r[k] ?? null)])) as Record<string, Cell[]>);
}

/** One model to export: algorithm, target (none for unsupervised) and hyperparameters. */
export interface ExportCase {
  algorithm: string;
  task?: keyof typeof TARGETS;
  hp: Record<string, string>;
  label?: string;
  /** Train with PrepareOptions.preprocessing 'autopilot' on makeAutopilotRows (inputs AUTOPILOT_INPUTS); defaults to the default preprocessing. */
  preprocessing?: 'autopilot';
  /** PrepareOptions.scale; defaults to false. */
  scale?: boolean;
}

/** A model trained by mlpad's job runner on 200 generated rows; its file bytes. */
export async function trainModel(c: ExportCase): Promise<Uint8Array> {
  const autopilot = c.preprocessing === 'autopilot';
  const inputs: readonly string[] = autopilot ? AUTOPILOT_INPUTS : INPUTS;
  const rows = autopilot ? makeAutopilotRows(200, 7) : makeRows(200, 7);
  const target = c.task ? TARGETS[c.task] : undefined;
  const table = tableOf(rows, [...inputs, ...(target ? [target] : [])]);
  const types: Record<string, SemanticType> = { day: 'datetime', c: 'categorical', flag: 'boolean', ...(autopilot ? { city: 'categorical', note: 'text' } : {}) };
  const result = await runTrainingJob({ train: table }, {
    algorithm: c.algorithm, hyperparameters: c.hp,
    prepare: {
      ...(target ? { target } : {}), features: [...inputs], types, split: { validationFraction: 0.2, seed: 1 },
      ...(autopilot ? { preprocessing: 'autopilot' as const } : {}), ...(c.scale ? { scale: true } : {}),
    },
  });
  return result.model;
}

/** A SageMaker-style record, as the exported module returns them. */
export interface RecordOut {
  predicted_label?: string;
  score?: number | number[];
  probabilities?: number[];
  closest_cluster?: number;
  distance_to_cluster?: number;
  projection?: number[];
}

/** mlpad's own answer for raw rows: the table through the model's encoding, then estimator.infer. */
export async function mlpadInference(bytes: Uint8Array, rows: readonly Row[], inputs: readonly string[] = INPUTS): Promise<{ inference: Inference; classes?: string[] }> {
  const estimator = getAlgorithm(detectAlgorithm(bytes));
  const model = estimator.deserialize(bytes);
  const encoding = encodingFromAttributes(estimator.attributes(model));
  const x = modelFeatures(tableOf(rows, inputs), encoding, estimator.featureNames?.(model) ?? [], estimator.featureCount(model), 'rows');
  return { inference: await estimator.infer(model, x), classes: encoding?.classes };
}

/** mlpad's inference as records (labels as the predictions CSV writes them: class text, [1 − p, p] for binary). */
export function recordsOf(inference: Inference, n: number, classes?: string[]): RecordOut[] {
  return Array.from({ length: n }, (_, i): RecordOut => {
    switch (inference.kind) {
      case 'classification': {
        const K = inference.classes;
        const p = inference.probabilities;
        const probs = K === 2 && p.length !== 2 * n ? [Math.fround(1 - p[i]), p[i]] : Array.from(p.subarray(i * K, (i + 1) * K));
        const label = classes?.[inference.predictedLabel[i]] ?? String(inference.predictedLabel[i]);
        return { predicted_label: label, score: K === 2 ? probs[1] : probs, probabilities: probs };
      }
      case 'regression': case 'anomaly': return { score: inference.score[i] };
      case 'clustering': return { closest_cluster: inference.closestCluster[i], distance_to_cluster: inference.distanceToCluster[i] };
      case 'decomposition': return { projection: Array.from(inference.projection.subarray(i * inference.components, (i + 1) * inference.components)) };
    }
  });
}

/** Tolerance of a number: 1e-6 absolute, or relative for values above 1 in magnitude. */
export const TOL = 1e-6;

/** Compares records: labels and clusters exactly, numbers within TOL · max(1, |expected|); returns the problems and the largest difference. */
export function compareRecords(got: RecordOut[], want: RecordOut[]): { problems: string[]; maxDiff: number; exact: number; values: number } {
  const problems: string[] = [];
  let maxDiff = 0, exact = 0, values = 0;
  const num = (i: number, field: string, g: unknown, w: number) => {
    values++;
    if (typeof g !== 'number') { problems.push(`row ${i} ${field}: got ${JSON.stringify(g)}, want ${w}`); return; }
    const d = Math.abs(g - w);
    if (g === w) exact++;
    maxDiff = Math.max(maxDiff, d / Math.max(1, Math.abs(w)));
    if (!(d <= TOL * Math.max(1, Math.abs(w)))) problems.push(`row ${i} ${field}: got ${g}, want ${w}`);
  };
  if (got.length !== want.length) problems.push(`got ${got.length} records, want ${want.length}`);
  want.forEach((w, i) => {
    const g = got[i] ?? {};
    if (JSON.stringify(Object.keys(g).sort()) !== JSON.stringify(Object.keys(w).sort())) problems.push(`row ${i}: fields ${Object.keys(g)} vs ${Object.keys(w)}`);
    if (w.predicted_label !== undefined && g.predicted_label !== w.predicted_label) problems.push(`row ${i} predicted_label: got ${g.predicted_label}, want ${w.predicted_label}`);
    if (w.closest_cluster !== undefined && g.closest_cluster !== w.closest_cluster) problems.push(`row ${i} closest_cluster: got ${g.closest_cluster}, want ${w.closest_cluster}`);
    for (const field of ['score', 'probabilities', 'distance_to_cluster', 'projection'] as const) {
      const wv = w[field];
      if (wv === undefined) continue;
      const gv = g[field];
      if (Array.isArray(wv)) {
        if (!Array.isArray(gv) || gv.length !== wv.length) { problems.push(`row ${i} ${field}: got ${JSON.stringify(gv)}`); continue; }
        wv.forEach((v, k) => num(i, `${field}[${k}]`, gv[k], v));
      } else num(i, field, gv, wv);
    }
  });
  return { problems: problems.slice(0, 10), maxDiff, exact, values };
}
