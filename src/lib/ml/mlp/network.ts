// The network while it trains: TensorFlow.js variables built from seeded initial weights, the list the
// optimizer updates, moving batch-norm statistics, and snapshots of the best epoch's weights.
import * as tf from '@tensorflow/tfjs';
import type { SeededRandom } from '../random.ts';
import type { LayerTensors } from './forward.ts';
import { initialWeights } from './init.ts';
import type { DenseLayer } from './model.ts';
import type { InitMethod } from './params.ts';

/** Moving-average factor of the batch-norm statistics (PyTorch's 0.1 update). */
const MOVING_UPDATE = 0.1;

interface LiveLayer {
  w: tf.Variable<tf.Rank.R2>;
  b: tf.Variable<tf.Rank.R1> | null;
  bn?: { gamma: tf.Variable<tf.Rank.R1>; beta: tf.Variable<tf.Rank.R1>; mean: tf.Variable<tf.Rank.R1>; variance: tf.Variable<tf.Rank.R1> };
}

/** A variable initialised from `t`, which is disposed (a variable shares its data, so `t` would otherwise count as a live tensor). */
function variable<R extends tf.Rank>(t: tf.Tensor<R>, trainable = true): tf.Variable<R> {
  const v = tf.variable(t, trainable);
  t.dispose();
  return v;
}

export interface NetworkShape {
  nIn: number;
  hiddenLayers: number;
  hiddenUnits: number;
  outputUnits: number;
  batchNorm: boolean;
  initMethod: InitMethod;
}

export class Network {
  readonly layers: LiveLayer[] = [];

  constructor(shape: NetworkShape, rng: SeededRandom) {
    let nIn = shape.nIn;
    for (let l = 0; l <= shape.hiddenLayers; l++) {
      const hidden = l < shape.hiddenLayers;
      const nOut = hidden ? shape.hiddenUnits : shape.outputUnits;
      const w = variable(tf.tensor2d(initialWeights(shape.initMethod, nIn, nOut, rng), [nIn, nOut]));
      if (hidden && shape.batchNorm) {
        this.layers.push({ w, b: null, bn: {
          gamma: variable(tf.ones([nOut])), beta: variable(tf.zeros([nOut])),
          mean: variable(tf.zeros([nOut]), false), variance: variable(tf.ones([nOut]), false),
        } });
      } else {
        this.layers.push({ w, b: variable(tf.zeros([nOut])) });
      }
      nIn = nOut;
    }
  }

  /** The layers as the forward pass reads them. */
  tensors(): LayerTensors[] {
    return this.layers;
  }

  /** Variables the optimizer updates (weights, biases, batch-norm gamma and beta). */
  trainable(): tf.Variable[] {
    return this.layers.flatMap((l) => [l.w, ...(l.b ? [l.b] : []), ...(l.bn ? [l.bn.gamma, l.bn.beta] : [])]);
  }

  /** The weight matrices, for the L2 penalty. */
  weights(): tf.Tensor2D[] {
    return this.layers.map((l) => l.w);
  }

  /** Moves each batch-norm layer's moving statistics towards this batch's and disposes `stats`. */
  updateMovingStats(stats: { mean: tf.Tensor1D; variance: tf.Tensor1D }[]): void {
    let k = 0;
    for (const l of this.layers) {
      if (!l.bn) continue;
      const s = stats[k++];
      const bn = l.bn;
      tf.tidy(() => {
        bn.mean.assign(tf.add(tf.mul(bn.mean, 1 - MOVING_UPDATE), tf.mul(s.mean, MOVING_UPDATE)));
        bn.variance.assign(tf.add(tf.mul(bn.variance, 1 - MOVING_UPDATE), tf.mul(s.variance, MOVING_UPDATE)));
      });
    }
    for (const s of stats) tf.dispose([s.mean, s.variance]);
  }

  private all(): tf.Variable[] {
    return this.layers.flatMap((l) => [l.w, ...(l.b ? [l.b] : []), ...(l.bn ? [l.bn.gamma, l.bn.beta, l.bn.mean, l.bn.variance] : [])]);
  }

  /** Copies of every parameter and statistic, in a fixed order; the caller disposes them. */
  snapshot(): tf.Tensor[] {
    return this.all().map((v) => tf.clone(v));
  }

  /** The layers as plain arrays, read from `snap` (a snapshot) or from the live variables. */
  async read(snap?: tf.Tensor[]): Promise<DenseLayer[]> {
    const src = snap ?? this.all();
    const values = await Promise.all(src.map((t) => t.data() as Promise<Float32Array>));
    let k = 0;
    const next = (): Float32Array => Float32Array.from(values[k++]);
    return this.layers.map((l) => {
      const [nIn, nOut] = l.w.shape;
      const weights = next();
      const bias = l.b ? next() : new Float32Array(nOut);
      if (!l.bn) return { nIn, nOut, weights, bias };
      const gamma = next(), beta = next(), movingMean = next(), movingVariance = next();
      return { nIn, nOut, weights, bias, batchNorm: { gamma, beta, movingMean, movingVariance } };
    });
  }

  dispose(): void {
    tf.dispose(this.all());
  }
}

/** Constant tensors of a trained model's layers, for inference; the caller disposes them (or runs in tidy). */
export function layerTensors(layers: readonly DenseLayer[]): LayerTensors[] {
  return layers.map((l) => ({
    w: tf.tensor2d(l.weights, [l.nIn, l.nOut]),
    b: l.batchNorm ? null : tf.tensor1d(l.bias),
    bn: l.batchNorm && {
      gamma: tf.tensor1d(l.batchNorm.gamma), beta: tf.tensor1d(l.batchNorm.beta),
      mean: tf.tensor1d(l.batchNorm.movingMean), variance: tf.tensor1d(l.batchNorm.movingVariance),
    },
  }));
}
