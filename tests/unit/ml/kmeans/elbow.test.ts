import { expect, it } from 'vitest';
import { elbowCurve } from '../../../../src/lib/ml/kmeans/kmeans-estimator.ts';
import { describeEachTfBackend } from '../tf-backends.ts';
import { blobs, message, ssd } from './fixtures.ts';

const data = blobs(400, 4, 5, 21, 2);

describeEachTfBackend('elbowCurve', () => {
  it('gives the total sum of squares at k = 1 and a curve that never rises with k', async () => {
    const curve = await elbowCurve(data, [6, 1, 2, 3, 4, 5, 7, 8, 3]);
    expect(curve.map((p) => p.k)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const mean = new Float64Array(4);
    for (let i = 0; i < 400; i++) for (let f = 0; f < 4; f++) mean[f] += data.features[i * 4 + f] / 400;
    expect(curve[0].ssd / ssd(data.features, 400, 4, mean, 1)).toBeCloseTo(1, 6);
    for (let i = 1; i < curve.length; i++) expect(curve[i].ssd).toBeLessThanOrEqual(curve[i - 1].ssd);
    // The elbow: 5 blobs, so going from 4 to 5 clusters gains far more than going from 5 to 6.
    expect(curve[3].ssd - curve[4].ssd).toBeGreaterThan(5 * (curve[4].ssd - curve[5].ssd));
  });

  it('takes the other hyperparameters and refuses ks outside [1, rows]', async () => {
    const a = await elbowCurve(data, [2, 3], { k: 9, init_method: 'kmeans++', eval_metrics: 'ssd' });
    expect(a.map((p) => p.k)).toEqual([2, 3]);
    expect(await message(() => elbowCurve(data, [0, 2]))).toBe('ks must hold integers in [1, 400] (at most the number of rows); got 0');
    expect(await message(() => elbowCurve(data, [2.5]))).toBe('ks must hold integers in [1, 400] (at most the number of rows); got 2.5');
    expect(await message(() => elbowCurve(data, [2], { local_lloyd_tol: 5 }))).toBe('local_lloyd_tol must be in [0, 1]; got 5');
  });
});
