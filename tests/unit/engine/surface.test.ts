// The playground's surfaces: a job on two features streams, after each round, what the model as it stands
// predicts over a grid (xgboost round by round, mlp epoch by epoch), and the result holds the final model's.
import * as tf from '@tensorflow/tfjs';
import { tableFromArrays } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTrainingJob } from '../../../src/lib/engine/run-job.ts';
import { surfacePoints } from '../../../src/lib/engine/surface.ts';
import type { TrainRound } from '../../../src/lib/engine/train-engine-api.ts';
import { SeededRandom } from '../../../src/lib/ml/random.ts';

function circle() {
  const rng = new SeededRandom(5);
  const x: number[] = [], z: number[] = [], y: string[] = [];
  for (let i = 0; i < 300; i++) {
    const a = rng.next() * 4 - 2, b = rng.next() * 4 - 2;
    x.push(a); z.push(b); y.push(a * a + b * b < 1.5 ? 'in' : 'out');
  }
  return tableFromArrays({ x: Float64Array.from(x), z: Float64Array.from(z), y });
}

const job = (algorithm: string, hyperparameters: Record<string, string>) => ({
  algorithm, hyperparameters, prepare: { target: 'y', features: ['x', 'z'], split: { validationFraction: 0 } },
});

beforeAll(async () => { await tf.setBackend('cpu'); });

describe('surfaces', () => {
  it('surfacePoints spans the two features with a 5% margin, x fastest', () => {
    const p = surfacePoints({ features: [Float32Array.of(0, 10), Float32Array.of(-1, 1)], nRows: 2, nCols: 2 }, 4);
    expect(p.x).toEqual([-0.5, 10.5]);
    expect(p.y[0]).toBeCloseTo(-1.1, 6);
    const m = p.matrix.features as Float32Array;
    expect(m[0]).toBeLessThan(m[2]);
    expect(m[1]).toBe(m[3]);
  });

  it('xgboost streams a probability surface every round; the last equals the result\'s', async () => {
    const rounds: TrainRound[] = [];
    const r = await runTrainingJob({ train: circle() }, job('xgboost', { num_round: '6', max_depth: '3' }), { surface: 16, onRound: (x) => rounds.push(x) });
    expect(rounds).toHaveLength(6);
    for (const x of rounds) {
      expect(x.surface?.meaning).toBe('probability');
      expect(x.surface?.values).toHaveLength(256);
    }
    expect(Array.from(rounds[0].surface!.values)).not.toEqual(Array.from(rounds[5].surface!.values));
    expect(Array.from(rounds[5].surface!.values)).toEqual(Array.from(r.surface!.values));
    // The centre of the grid is inside the circle, a corner outside.
    const v = r.surface!.values;
    expect(v[8 * 16 + 8]).toBeLessThan(0.5);
    expect(v[0]).toBeGreaterThan(0.5);
    expect(r.history.every((h) => h.surface === undefined)).toBe(true);
  });

  it('mlp streams a surface every epoch', async () => {
    const rounds: TrainRound[] = [];
    const r = await runTrainingJob({ train: circle() }, job('mlp', { epochs: '3', hidden_units: '8' }), { surface: 8, onRound: (x) => rounds.push(x) });
    expect(rounds.map((x) => x.surface?.values.length)).toEqual([64, 64, 64]);
    expect(r.surface?.meaning).toBe('probability');
  });

  it('an algorithm that cannot predict mid-training (knn) sends rounds without a surface and a final one', async () => {
    const rounds: TrainRound[] = [];
    const r = await runTrainingJob({ train: circle() }, job('knn', {}), { surface: 8, onRound: (x) => rounds.push(x) });
    expect(rounds.every((x) => x.surface === undefined)).toBe(true);
    expect(r.surface?.values).toHaveLength(64);
  });
});
