// algorithm_mode regular: one pass accumulates the d × d centred scatter matrix, then an exact float64
// eigen-decomposition on the CPU. With subtract_mean false the decomposed matrix is the uncentred second
// moment, S + w μμᵀ, added after accumulation so the tensors still only see centred values.
import type { ColumnMoments } from './moments.ts';
import { centredScatter, type PassData } from './scatter.ts';
import { addMeanOuter, flipSigns, quadraticForm, type PcaSolution } from './solution.ts';
import { symmetricEigen } from './symmetric-eigen.ts';

/** The top `k` components of the data in `pass` by exact eigen-decomposition. */
export async function solveRegular(pass: PassData, moments: ColumnMoments, k: number, subtractMean: boolean): Promise<PcaSolution> {
  const d = pass.matrix.nCols;
  const scatter = await centredScatter(pass);
  const decomposed = scatter.slice();
  if (!subtractMean) addMeanOuter(decomposed, moments.mean, moments.weight);
  const eigen = symmetricEigen(decomposed, d);
  const components = eigen.vectors.slice(0, k * d);
  flipSigns(components, k, d);
  const solution: PcaSolution = { k, d, components, decomposed: new Float64Array(k), centred: new Float64Array(k) };
  for (let j = 0; j < k; j++) {
    solution.decomposed[j] = Math.max(0, eigen.values[j]);
    solution.centred[j] = subtractMean ? solution.decomposed[j] : quadraticForm(scatter, components, j, d);
  }
  return solution;
}
