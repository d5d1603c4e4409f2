// What the Deploy view's what-if form and request box start from: the dataset's first row in the model's
// input order (as a headerless CSV row and as values), each numeric input's range and each category input's
// values (the model's, else the data's most frequent).
import { DataType, type Table } from 'apache-arrow';
import { textColumn } from '../ml/prepare/column-values.ts';
import { numericColumn } from '../profile/numeric-column.ts';
import { csvLine, parseCsvRows } from './csv-row.ts';
import type { DeployModel } from './deploy-model.ts';
import { replayRequests } from './replay.ts';

/** What the what-if form and the request box start from, for one model. */
export interface ModelExample {
  /** The dataset's first row as one CSV line in the model's input order ('' without a dataset). */
  csv: string;
  /** The first row's values by input name (null where missing or absent). */
  values: Record<string, number | string | null>;
  /** Per numeric input the dataset holds, the column's min and max. */
  ranges: Record<string, { min: number; max: number }>;
  /** Per category input, the values to offer: the model's own, else the dataset column's (most frequent first). */
  categories: Record<string, string[]>;
  /** Numeric inputs the dataset holds as dates or times: their values and ranges are epoch seconds. */
  dates: string[];
}

/** What the what-if form and the request box start from: the first row, numeric ranges, categories. */
export function exampleFor(m: DeployModel, table: Table | null): ModelExample {
  const inputs = m.facts.inputs;
  const out: ModelExample = { csv: '', values: {}, ranges: {}, categories: {}, dates: [] };
  const present = table ? inputs.filter((i) => table.getChild(i.name)) : [];
  let cells: string[] = [];
  if (table && table.numRows > 0 && present.length > 0) {
    const body = replayRequests(table.slice(0, 1), present.map((i) => i.name))[0].request.body;
    cells = parseCsvRows(body)[0] ?? [];
    while (cells.length < present.length) cells.push('');
    const byName = new Map(present.map((inp, j) => [inp.name, cells[j]]));
    // A missing input stays an empty field, in the model's order.
    const row = inputs.map((i) => byName.get(i.name) ?? '');
    out.csv = csvLine(row);
  }
  for (const inp of inputs) {
    const v = table?.getChild(inp.name) ?? null;
    const j = present.indexOf(inp);
    const text = j >= 0 ? cells[j] : undefined;
    if (inp.type === 'number') {
      const isTime = !!v && (DataType.isDate(v.type) || DataType.isTimestamp(v.type));
      if (isTime) out.dates.push(inp.name);
      let value: number | null = null;
      if (v && table && table.numRows > 0) {
        const x = numericColumn(v.slice(0, 1))[0];
        value = Number.isFinite(x) ? (isTime ? x / 1000 : x) : null;
      }
      out.values[inp.name] = value;
      if (v) {
        const xs = numericColumn(v);
        let lo = Infinity, hi = -Infinity;
        for (let i = 0; i < xs.length; i++) { const x = xs[i]; if (x < lo) lo = x; if (x > hi) hi = x; }
        if (lo <= hi) out.ranges[inp.name] = isTime ? { min: lo / 1000, max: hi / 1000 } : { min: lo, max: hi };
      }
    } else {
      out.values[inp.name] = text === undefined || text === '' ? null : text;
      let cats = inp.categories ? [...inp.categories] : [];
      if (cats.length === 0 && v) {
        const counts = new Map<string, number>();
        for (const s of textColumn(v)) if (s !== null) counts.set(s, (counts.get(s) ?? 0) + 1);
        cats = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 200).map(([s]) => s);
      }
      out.categories[inp.name] = cats;
    }
  }
  return out;
}

