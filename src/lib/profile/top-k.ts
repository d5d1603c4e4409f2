import type { TopKEntry } from './types.ts';

/** The most frequent values of a column, with how many non-missing cells they leave out. */
export interface TopK {
  entries: TopKEntry[];
  otherCount: number;
}

// a ranks before b: more frequent first; ties go to the smaller value so the result does not depend on
// the order the values were met in.
function before(a: TopKEntry, b: TopKEntry): boolean {
  return a.count > b.count || (a.count === b.count && a.value < b.value);
}

/**
 * The `k` most frequent values in `counts`, most frequent first. One pass with a k-slot insertion list
 * instead of sorting every value: id columns have millions of distinct values and k is 10.
 */
export function topK(counts: ReadonlyMap<string, number>, k = 10): TopK {
  if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`topK: k must be a non-negative integer; got ${k}`);
  const entries: TopKEntry[] = [];
  let total = 0;
  for (const [value, count] of counts) {
    total += count;
    const entry = { value, count };
    if (entries.length === k && (k === 0 || !before(entry, entries[k - 1]))) continue;
    let i = entries.length;
    if (i === k) entries.pop();
    i = entries.length;
    while (i > 0 && before(entry, entries[i - 1])) i--;
    entries.splice(i, 0, entry);
  }
  let kept = 0;
  for (const e of entries) kept += e.count;
  return { entries, otherCount: total - kept };
}
