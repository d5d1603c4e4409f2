// explanations_shap/interactions.csv (mlpad's addition beside Clarify's files): exact SHAP interaction
// values of a tree ensemble, folded into the data's columns (a category's one-hot features summed along
// both axes), in long form: one line per row, label and pair of columns, the diagonal holding each
// column's main effect. Each row's values for one column sum to its SHAP value in out.csv.
import type { Table } from 'apache-arrow';
import { modelInputs, type LoadedModel } from './loaded-model.ts';

export interface InteractionCallbacks {
  onProgress?(done: number, total: number): void;
}

function field(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The interaction values of `table`'s first `maxRows` rows as CSV text; throws when the model has no exact method. */
export function interactionsCsv(table: Table, m: LoadedModel, maxRows = table.numRows, cb: InteractionCallbacks = {}): string {
  if (!m.estimator.interactions) throw new RangeError(`interaction values need a tree ensemble; ${m.estimator.name} models have none`);
  const source = maxRows < table.numRows ? table.slice(0, maxRows) : table;
  const { x } = modelInputs(m, source, 'the data');
  const r = m.estimator.interactions(m.model, x, { onProgress: cb.onProgress });
  const w = r.features + 1;
  const spans = m.space.spans;
  const names = m.space.names;
  const c = names.length;
  const labels = r.groups === m.labels.length ? m.labels : Array.from({ length: r.groups }, (_, o) => `label${o}`);
  const lines = ['row,label,feature_a,feature_b,value'];
  const folded = new Float64Array(c * c);
  for (let i = 0; i < r.completedRows; i++) {
    for (let o = 0; o < r.groups; o++) {
      const base = (i * r.groups + o) * w * w;
      folded.fill(0);
      for (let a = 0; a < c; a++) {
        for (let b = 0; b < c; b++) {
          let sum = 0;
          for (let p = 0; p < spans[a].count; p++) for (let q = 0; q < spans[b].count; q++) sum += r.values[base + (spans[a].start + p) * w + spans[b].start + q];
          folded[a * c + b] = sum;
        }
      }
      for (let a = 0; a < c; a++) for (let b = 0; b < c; b++) lines.push(`${i + 1},${field(labels[o])},${field(names[a])},${field(names[b])},${Number(folded[a * c + b].toPrecision(9))}`);
    }
  }
  return lines.join('\n') + '\n';
}
