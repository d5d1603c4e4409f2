// Missing values for algorithms that cannot take them (everything but the trees): each feature's NaNs
// become its training mean, recorded in the encoding so prediction fills new rows the same way.
import { featureColumns, type FitData } from '../matrix.ts';
import type { SparseRows } from '../sparse.ts';
import { fillMissing, fillSparseMissing } from './encode-columns.ts';

/** Column means of sparse rows over the non-missing cells (implicit zeros count as zeros). */
function sparseMeans(s: SparseRows): number[] {
  const sum = new Float64Array(s.nCols), missing = new Float64Array(s.nCols);
  for (let e = 0; e < s.values.length; e++) {
    const v = s.values[e];
    if (v === v) sum[s.indices[e]] += v; else missing[s.indices[e]]++;
  }
  return Array.from(sum, (t, j) => (s.nRows - missing[j] > 0 ? Math.fround(t / (s.nRows - missing[j])) : 0));
}

/** Per feature, the mean of the non-missing training values (0 where a feature is missing in every row). */
export function trainingMeans(data: FitData): number[] {
  if (data.sparse && Array.isArray(data.features) && data.features.length === 0) return sparseMeans(data.sparse);
  return featureColumns(data).map((col) => {
    let sum = 0, n = 0;
    for (let i = 0; i < col.length; i++) if (col[i] === col[i]) { sum += col[i]; n++; }
    return n > 0 ? Math.fround(sum / n) : 0;
  });
}

/**
 * Fills the missing values of every set with `means` (in place: the sets' columns are the job's own
 * copies) and returns one note per feature that had any, e.g. `feature "age": 12 missing values filled
 * with the training mean 41.3`.
 */
export function imputeSets(sets: readonly (FitData | undefined)[], means: readonly number[], names: readonly string[]): string[] {
  const counts = new Array<number>(means.length).fill(0);
  for (const d of sets) {
    if (!d) continue;
    const filled = d.sparse && Array.isArray(d.features) && d.features.length === 0 ? fillSparseMissing(d.sparse, means) : fillMissing(featureColumns(d), means);
    filled.forEach((c, j) => { counts[j] += c; });
  }
  const notes: string[] = [];
  counts.forEach((c, j) => {
    if (c > 0) notes.push(`feature ${JSON.stringify(names[j])}: ${c} missing value${c > 1 ? 's' : ''} filled with the training mean ${Number(means[j].toPrecision(4))} (this algorithm needs a number in every cell)`);
  });
  return notes;
}
