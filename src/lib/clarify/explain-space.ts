// The columns an explanation speaks of. Clarify explains a model in the columns of the data ("one column
// per feature named as in the data"), while mlpad's models read encoded features: a category becomes one
// 0/1 feature per value. The explanation space has one value per source column (a category as its code,
// the index of its value) and turns rows of it into the model's features, so Kernel SHAP and PDP vary a
// category as one player, and TreeSHAP's per-feature values fold back by summing each column's features
// (Shapley values are additive). Models without an mlpad encoding (native XGBoost) are explained in their
// own features.
import type { FeatureMatrix } from '../ml/matrix.ts';
import { featureColumns } from '../ml/matrix.ts';
import type { ColumnEncoding, FeatureEncoding } from '../ml/prepare/types.ts';

export interface ExplainSpace {
  /** One name per explained column, as in the data. */
  names: string[];
  /** Per column, its category labels by code (one-hot columns), else null. */
  categories: (string[] | null)[];
  /** Per column, its first model feature and how many it spans. */
  spans: { start: number; count: number; missingAsZero: boolean }[];
  /** Model features. */
  featureCount: number;
  /** Per model feature, the value that replaces NaN (models without missing-value support); absent when NaN passes. */
  impute?: readonly number[];
}

function span(enc: ColumnEncoding, start: number) {
  return enc.kind === 'one-hot' ? { start, count: enc.categories.length, missingAsZero: enc.missingAsZero === true } : { start, count: 1, missingAsZero: false };
}

/** The space of a model: its encoding's source columns, or its `featureNames` (c0, c1… when it has none). */
export function explainSpace(encoding: FeatureEncoding | undefined, featureNames: readonly string[], featureCount: number): ExplainSpace {
  if (!encoding) {
    const names = Array.from({ length: featureCount }, (_, j) => featureNames[j] ?? `c${j}`);
    return { names, categories: names.map(() => null), spans: names.map((_, j) => ({ start: j, count: 1, missingAsZero: false })), featureCount };
  }
  let start = 0;
  const spans = encoding.columns.map((c) => {
    const s = span(c, start);
    start += s.count;
    return s;
  });
  return {
    names: encoding.columns.map((c) => c.name),
    categories: encoding.columns.map((c) => (c.kind === 'one-hot' ? [...c.categories] : null)),
    spans,
    featureCount: start,
    impute: encoding.impute,
  };
}

/**
 * Rows in the explanation space (n × columns, row-major) from the model's encoded features: a one-hot
 * column's code is the index of its 1, NaN when its features are NaN (missing), −1 when all are 0 (a value
 * not seen in training).
 */
export function spaceRows(space: ExplainSpace, x: FeatureMatrix): Float32Array {
  const cols = featureColumns(x);
  const c = space.names.length;
  const n = x.nRows;
  const out = new Float32Array(n * c);
  space.spans.forEach((s, j) => {
    if (space.categories[j] === null) {
      const col = cols[s.start];
      for (let i = 0; i < n; i++) out[i * c + j] = col[i];
      return;
    }
    for (let i = 0; i < n; i++) {
      let code = -1;
      for (let k = 0; k < s.count; k++) {
        const v = cols[s.start + k][i];
        if (v !== v) { code = NaN; break; }
        if (v === 1) { code = k; break; }
      }
      out[i * c + j] = code;
    }
  });
  return out;
}

/** The model's features (row-major n × featureCount) for `n` rows of the explanation space, imputed as the model expects. */
export function spaceToFeatures(space: ExplainSpace, rows: Float32Array, n: number): FeatureMatrix {
  const c = space.names.length;
  const f = space.featureCount;
  const out = new Float32Array(n * f);
  const impute = space.impute;
  for (let i = 0; i < n; i++) {
    const src = i * c;
    const dst = i * f;
    for (let j = 0; j < c; j++) {
      const s = space.spans[j];
      const v = rows[src + j];
      if (space.categories[j] === null) {
        out[dst + s.start] = v;
        continue;
      }
      if (v !== v) {
        if (!s.missingAsZero) out.fill(NaN, dst + s.start, dst + s.start + s.count);
        continue;
      }
      if (v >= 0 && v < s.count) out[dst + s.start + v] = 1;
    }
    if (impute) for (let k = 0; k < f; k++) if (out[dst + k] !== out[dst + k]) out[dst + k] = impute[k];
  }
  return { features: out, nRows: n, nCols: f };
}

/** Per-feature values (one per model feature) summed into one per explained column. */
export function foldToColumns(space: ExplainSpace, perFeature: ArrayLike<number>, offset = 0, out = new Float64Array(space.names.length)): Float64Array {
  space.spans.forEach((s, j) => {
    let sum = 0;
    for (let k = 0; k < s.count; k++) sum += perFeature[offset + s.start + k];
    out[j] = sum;
  });
  return out;
}

/** The value of explained column `j` as text (a category's label, "(unseen)", or the number). */
export function spaceValueText(space: ExplainSpace, j: number, v: number): string {
  const cats = space.categories[j];
  if (v !== v) return '';
  // Values are float32: 7 significant digits say what the data said, without float32's trailing noise.
  if (!cats) return String(Number(v.toPrecision(7)));
  return v >= 0 && v < cats.length ? cats[v] : '(unseen)';
}
