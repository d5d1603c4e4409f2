// explanations_shap/out.csv: the local SHAP values, one row per explained input row in input order, one
// column per feature named as in the data. A model with several outputs (multiclass) gets one block of
// columns per label, named "FEATURE (LABEL)".
import type { ShapJobResult } from './shap-job.ts';

function field(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function number(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(9))) : '';
}

/** The CSV text of `r`'s local values. */
export function shapOutCsv(r: ShapJobResult): string {
  const e = r.features.length;
  const g = r.labels.length;
  const header = g === 1 ? r.features : r.labels.flatMap((l) => r.features.map((f) => `${f} (${l})`));
  const lines = [header.map(field).join(',')];
  for (let i = 0; i < r.rows; i++) {
    const cells: string[] = [];
    for (let o = 0; o < g; o++) for (let j = 0; j < e; j++) cells.push(number(r.values[(i * g + o) * e + j]));
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}
