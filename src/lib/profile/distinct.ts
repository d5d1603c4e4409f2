// Distinct values of a sorted column in one pass: equal values are adjacent after sorting, so no hash
// set (and no boxing of 3 million doubles) is needed. `!==` treats -0 and 0 as one value, as pandas does.

/** Number of distinct values in ascending `sorted` values (no NaN). */
export function distinctSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return 0;
  let count = 1;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) count++;
  return count;
}
