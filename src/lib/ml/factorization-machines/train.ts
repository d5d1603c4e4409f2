// The training loop: seeded start values, then per epoch a seeded shuffle, mini-batches of Adam steps,
// metrics on the training and validation rows, and the caller's progress / stop hooks.
import * as tf from '@tensorflow/tfjs';
import type { FitCallbacks, RoundMetrics } from '../estimator.ts';
import { SeededRandom } from '../random.ts';
import { adamStep, createState, disposeState, type StepSettings } from './adam-step.ts';
import { batchSlots } from './batch-slots.ts';
import { initialValues } from './initial-values.ts';
import type { FmParams, PredictorType } from './params.ts';
import { predictRows } from './predict.ts';
import { roundMetrics } from './round-metrics.ts';
import type { SparseRows } from './sparse-rows.ts';

/** Rows with labels (0/1 for binary) and optional non-negative weights. */
export interface LabelledRows {
  rows: SparseRows;
  labels: Float32Array;
  weights?: Float32Array;
}

export interface TrainOptions {
  validation?: LabelledRows;
  callbacks?: FitCallbacks;
  /** Whether to report training-set metrics each epoch. */
  evalTrain: boolean;
}

/** What training leaves: the parameter table (n × (k + 1), row i = [vᵢ, wᵢ]), w0 and the epochs run. */
export interface Trained {
  table: Float32Array;
  bias: number;
  epochs: number;
}

function stepSettings(p: FmParams, binary: boolean): StepSettings {
  const k = p.num_factors;
  const tableLr = new Float32Array(k + 1).fill(p.factors_lr);
  const tableWd = new Float32Array(k + 1).fill(p.factors_wd);
  tableLr[k] = p.linear_lr;
  tableWd[k] = p.linear_wd;
  return { binary, tableLr, tableWd, biasLr: p.bias_lr, biasWd: p.bias_wd, clip: p.clip_gradient, eps: p.eps };
}

function startTable(p: FmParams, n: number, rng: SeededRandom): { table: Float32Array; bias: number } {
  const k = p.num_factors;
  const bias = initialValues(p.init.bias, 1, rng)[0];
  const linear = initialValues(p.init.linear, n, rng);
  const factors = initialValues(p.init.factors, n * k, rng);
  const table = new Float32Array(n * (k + 1));
  for (let i = 0; i < n; i++) {
    table.set(factors.subarray(i * k, i * k + k), i * (k + 1));
    table[i * (k + 1) + k] = linear[i];
  }
  return { table, bias };
}

function shuffle(order: Int32Array, rng: SeededRandom): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = order[i]; order[i] = order[j]; order[j] = t;
  }
}

/** Trains a factorization machine of `p.num_factors` factors on `train`. */
export async function trainFm(train: LabelledRows, p: FmParams, predictorType: PredictorType, options: TrainOptions): Promise<Trained> {
  const { rows } = train;
  const n = rows.nCols;
  const binary = predictorType === 'binary_classifier';
  const rng = new SeededRandom(p.seed);
  const start = startTable(p, n, rng);
  const state = createState(start.table, n, p.num_factors, start.bias);
  const settings = stepSettings(p, binary);
  const order = new Int32Array(rows.nRows);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const scratch = new Int32Array(n).fill(-1);
  const cb = options.callbacks;
  let epochs = 0;
  try {
    for (let epoch = 0; epoch < p.epochs; epoch++) {
      shuffle(order, rng);
      for (let b = 0; b < order.length; b += p.mini_batch_size) {
        const ids = order.subarray(b, Math.min(order.length, b + p.mini_batch_size));
        const y = new Float32Array(ids.length);
        const scale = new Float32Array(ids.length);
        let weightSum = 0;
        for (let r = 0; r < ids.length; r++) {
          y[r] = train.labels[ids[r]];
          scale[r] = train.weights ? train.weights[ids[r]] : 1;
          weightSum += scale[r];
        }
        const rescale = p.rescale_grad ?? (weightSum > 0 ? 1 / weightSum : 0);
        for (let r = 0; r < ids.length; r++) scale[r] *= rescale;
        adamStep(state, batchSlots(rows, ids, scratch), y, scale, settings);
      }
      epochs = epoch + 1;
      const metrics: RoundMetrics = {};
      if (cb?.onRound) {
        if (options.evalTrain) {
          metrics.train = roundMetrics(await predictRows(state.table, state.bias, rows, binary), train.labels, train.weights, binary);
        }
        const v = options.validation;
        if (v) metrics.validation = roundMetrics(await predictRows(state.table, state.bias, v.rows, binary), v.labels, v.weights, binary);
        cb.onRound(epoch, metrics);
      }
      await cb?.betweenRounds?.(epoch);
      if (cb?.shouldStop?.()) break;
    }
    return { table: await state.table.data() as Float32Array, bias: (await state.bias.data())[0], epochs };
  } finally {
    disposeState(state);
  }
}

/** The compute line of a TensorFlow.js fit. */
export function tfComputeLabel(): string {
  return `TensorFlow.js ${tf.getBackend()}`;
}
