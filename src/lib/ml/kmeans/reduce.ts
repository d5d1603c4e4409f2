// SageMaker's finalisation: the K over-provisioned centres, weighted by the rows they absorbed, are
// clustered into k with a local Lloyd run; `trials` runs from different seeds and the lowest weighted
// loss wins. kmeans++ seeding is scikit-learn's greedy variant (2 + ⌊ln k⌋ candidates per step).
import type { SeededRandom } from '../random.ts';
import { lloyd, type LloydOptions, type LloydResult } from './lloyd.ts';
import type { KMeansInitMethod } from './params.ts';
import { chunkRows, disposePointSet, makePointSet } from './points.ts';
import { greedyTrials, seedCentres, type CpuPoints } from './seeding.ts';

export interface ReduceOptions extends LloydOptions {
  k: number;
  trials: number;
  init: KMeansInitMethod;
}

/**
 * `trials` weighted Lloyd runs on K centres (`values`, K × d) with weights `weights`, lowest loss first,
 * runs that ended on the same loss as a better one dropped.
 */
export async function reduceCentres(values: Float32Array, weights: Float64Array, d: number, options: ReduceOptions, rng: SeededRandom): Promise<LloydResult[]> {
  // Centres that absorbed nothing carry no data; drop them.
  const keep: number[] = [];
  for (let i = 0; i < weights.length; i++) if (weights[i] > 0) keep.push(i);
  const n = keep.length;
  const pv = new Float32Array(n * d);
  const pw = new Float64Array(n);
  keep.forEach((i, r) => { pv.set(values.subarray(i * d, (i + 1) * d), r * d); pw[r] = weights[i]; });
  const cpu: CpuPoints = { values: pv, n, d, weights: pw };
  const points = makePointSet(pv, n, d, pw, chunkRows(options.k));
  try {
    const runs: LloydResult[] = [];
    const localTrials = options.init === 'kmeans++' ? greedyTrials(options.k) : 1;
    for (let t = 0; t < options.trials; t++) {
      const init = seedCentres(cpu, options.k, options.init, rng, localTrials);
      runs.push(await lloyd(points, init, options.k, options));
    }
    runs.sort((a, b) => a.ssd - b.ssd);
    return runs.filter((r, i) => i === 0 || r.ssd > runs[i - 1].ssd * (1 + 1e-6));
  } finally {
    disposePointSet(points);
  }
}
