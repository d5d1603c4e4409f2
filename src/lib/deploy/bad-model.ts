// A deliberately bad model for a class to watch being rolled back: the same algorithm trained on the data
// with its labels shuffled, so it has learnt nothing about them.
import type { Table } from 'apache-arrow';
import { tableFromColumns } from '../data/arrow-vectors.ts';
import { takeRows } from '../data/take-rows.ts';
import { SeededRandom } from '../ml/random.ts';

/** `table` with `column`'s values permuted by a seeded shuffle: the labels no longer belong to their rows. */
export function shuffledColumn(table: Table, column: string, seed: number): Table {
  const n = table.numRows;
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const rnd = new SeededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = rnd.nextInt(i + 1);
    const t = order[i]; order[i] = order[j]; order[j] = t;
  }
  const same = Uint32Array.from({ length: n }, (_, i) => i);
  const columns = table.schema.fields.map((f) => {
    const one = takeRows(table.select([f.name]), f.name === column ? order : same);
    return { name: f.name, data: one.getChildAt(0)!.data[0], metadata: f.metadata };
  });
  return tableFromColumns(columns, n);
}

