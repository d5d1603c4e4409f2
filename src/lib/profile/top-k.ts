import type { TopKEntry } from './types.ts';

/** The most frequent values of a column, with how many non-missing cells they leave out. */
export interface TopK {
  entries: TopKEntry[];
  otherCount: number;
}

/**
 * The `k` most frequent distinct values, where `counts[i]` is how often value i occurs and `valueAt(i)`
 * its text; most frequent first, ties in index order (first occurrence, as pandas' value_counts). One
 * pass with a k-slot insertion list rather than a sort, and only the k winners are turned into text:
 * id columns have millions of distinct values and k is 10.
 */
export function topK(counts: ArrayLike<number>, valueAt: (i: number) => string, k = 10): TopK {
  if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`topK: k must be a non-negative integer; got ${k}`);
  const best: number[] = [];
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    total += c;
    // Strictly greater: an equal count met later never displaces an earlier value.
    if (best.length === k && (k === 0 || c <= counts[best[k - 1]])) continue;
    if (best.length === k) best.pop();
    let at = best.length;
    while (at > 0 && c > counts[best[at - 1]]) at--;
    best.splice(at, 0, i);
  }
  const entries = best.map((i) => ({ value: valueAt(i), count: counts[i] }));
  let kept = 0;
  for (const e of entries) kept += e.count;
  return { entries, otherCount: total - kept };
}
