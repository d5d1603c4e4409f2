// Colours for a scatter of sampled rows by any column of the data: the most frequent categories (the rest
// as "other"), or a numeric column in quintiles. Only the sampled rows are read.
import type { Table } from 'apache-arrow';
import { formatShort } from '../format.ts';
import { isTextStorage, parseNumbers, textColumn } from '../../lib/ml/prepare/column-values.ts';

/** Categories drawn in their own colour; the rest share "other". */
export const MAX_COLOURS = 7;

/** A group index per sampled row and the groups' names. */
export interface ColourGroups {
  group: Int32Array;
  names: string[];
}

/** Groups of `rows` (0-based table rows) by `column`; missing values form a "(missing)" group. */
export function colourGroups(table: Table, column: string, rows: Uint32Array): ColourGroups {
  const vector = table.getChild(column);
  if (!vector) return { group: new Int32Array(rows.length), names: ['(all)'] };
  const numbers = isTextStorage(vector) ? null : parseNumbers(vector).values;
  if (numbers) {
    const picked = Array.from(rows, (r) => numbers[r]).filter((v) => v === v).sort((a, b) => a - b);
    const distinct = new Set(picked).size;
    if (distinct > MAX_COLOURS) {
      const cuts = [1, 2, 3, 4].map((q) => picked[Math.floor((q * picked.length) / 5)]);
      const edges = [picked[0], ...cuts, picked[picked.length - 1]];
      const names = [0, 1, 2, 3, 4].map((k) => `${formatShort(edges[k])} – ${formatShort(edges[k + 1])}`).concat('(missing)');
      const group = Int32Array.from(rows, (r) => {
        const v = numbers[r];
        if (v !== v) return 5;
        let k = 0;
        while (k < 4 && v >= cuts[k]) k++;
        return k;
      });
      return { group, names };
    }
  }
  const text = textColumn(vector);
  const counts = new Map<string, number>();
  for (const r of rows) { const t = text[r] ?? '(missing)'; counts.set(t, (counts.get(t) ?? 0) + 1); }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_COLOURS).map(([v]) => v);
  const index = new Map(top.map((v, k) => [v, k]));
  const names = counts.size > top.length ? [...top, 'other'] : top;
  return { group: Int32Array.from(rows, (r) => index.get(text[r] ?? '(missing)') ?? top.length), names };
}
