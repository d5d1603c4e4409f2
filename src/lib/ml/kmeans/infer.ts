// SageMaker k-means inference: closest_cluster and distance_to_cluster (Euclidean) per row, computed in
// chunks on TensorFlow.js. Rows and centres are shifted by the centres' mean first, which leaves the
// distances unchanged and keeps the float32 expansion ||x||² − 2 x·c + ||c||² (which picks the centre)
// accurate; the distance reported is then computed from x − c directly.
import * as tf from '@tensorflow/tfjs';
import type { Inference } from '../estimator.ts';
import { validateFeatureMatrix, type FeatureMatrix } from '../matrix.ts';
import type { KMeansModel } from './model.ts';
import { assignChunk, centreTensors, chunkRows, disposeCentres, disposePointSet, makePointSet } from './points.ts';
import { centred, refuseMissing } from './train.ts';

/** Closest centre and Euclidean distance to it for every row of `x`. */
export async function inferKMeans(model: KMeansModel, x: FeatureMatrix): Promise<Extract<Inference, { kind: 'clustering' }>> {
  validateFeatureMatrix(x, 'features');
  if (x.nCols !== model.d) throw new RangeError(`features have ${x.nCols} columns but the k-means model reads ${model.d}`);
  refuseMissing(x, 'features');
  const { k, d } = model;
  const shift = new Float64Array(d);
  for (let j = 0; j < k; j++) for (let f = 0; f < d; f++) shift[f] += model.centres[j * d + f] / k;
  const c = new Float32Array(k * d);
  for (let i = 0; i < c.length; i++) c[i] = model.centres[i] - shift[i % d];
  const closestCluster = new Int32Array(x.nRows);
  const distanceToCluster = new Float32Array(x.nRows);
  const points = makePointSet(centred(x, shift), x.nRows, d, null, chunkRows(k));
  const centres = centreTensors(c, k, d);
  try {
    for (const ch of points.chunks) {
      const { index, d2 } = assignChunk(ch.x, ch.xx, centres);
      // The distance itself from the difference, not the expansion: exact near the centre.
      const dist = tf.tidy(() => tf.sqrt(tf.sum(tf.square(tf.sub(ch.x, tf.gather(centres.c, index))), 1)));
      const [iv, dv] = await Promise.all([index.data(), dist.data()]);
      index.dispose(); d2.dispose(); dist.dispose();
      closestCluster.set(iv as Int32Array, ch.offset);
      distanceToCluster.set(dv as Float32Array, ch.offset);
    }
  } finally {
    disposeCentres(centres);
    disposePointSet(points);
  }
  return { kind: 'clustering', closestCluster, distanceToCluster };
}
