// The columns an explanation speaks of. Clarify explains a model in the columns of the data ("one column
// per feature named as in the data"), while mlpad's models read encoded features: a category becomes one
// 0/1 feature per value, a datetime its parts, a text its n-gram buckets. The explanation space has one
// value per source column and turns rows of it into the model's features, so Kernel SHAP and PDP vary a
// column as one player, and TreeSHAP's per-feature values fold back by summing each column's features
// (Shapley values are additive). Models without an mlpad encoding (native XGBoost) are explained in their
// own features. A column's value in the space, by its encoding:
// - one feature (numeric, boolean, datetime, ordinal, scaled): the feature itself;
// - one-hot and target-encoding: the category's code (its index; −1 unseen; NaN missing, one-hot only);
// - date parts: the parts packed into one integer, year first (packDate), so it orders as time does and
//   any copy of the model decodes it;
// - hashed n-grams: the index of the text's feature vector in a table the space builds as it reads rows
//   (a text cannot be packed into one float32). That table lives in this space object only: a copy of the
//   model loaded elsewhere (an inference pool worker) cannot decode those codes and says so (portableSpace).
import type { FeatureMatrix } from '../ml/matrix.ts';
import { featureColumns } from '../ml/matrix.ts';
import { featureCountOf } from '../ml/prepare/encode-columns.ts';
import type { ColumnEncoding, DatePart, FeatureEncoding } from '../ml/prepare/types.ts';

/** How a column's explanation value maps to its features (see the file comment). */
export type SpaceValueKind = 'value' | 'category' | 'date' | 'pattern';

/** Feature vectors of a hashed n-gram column seen so far, by code. */
interface PatternTable {
  index: Map<string, number>;
  vectors: Float32Array[];
}

export interface ExplainSpace {
  /** One name per explained column, as in the data. */
  names: string[];
  /** Per column, its labels by code (one-hot and target-encoded categories; hashed n-gram texts seen), else null. */
  categories: (string[] | null)[];
  /** Per column, its first model feature and how many it spans. */
  spans: { start: number; count: number; missingAsZero: boolean }[];
  /** Model features. */
  featureCount: number;
  /** Per model feature, the value that replaces NaN (models without missing-value support); absent when NaN passes. */
  impute?: readonly number[];
  /** Per column, how its value maps to features; absent (all 'value' or one-hot 'category') for spaces built before the autopilot kinds. */
  kinds?: SpaceValueKind[];
  /** Per column, its encoding (null without one). */
  columns?: (ColumnEncoding | null)[];
  /** Per column, the n-gram vectors seen (hashed n-grams), else null. */
  patterns?: (PatternTable | null)[];
  /** Per column, the code of a target-encoded vector (key: its float32 values joined by ','), else null. */
  targetCodes?: (Map<string, number> | null)[];
}

function kindOf(enc: ColumnEncoding): SpaceValueKind {
  switch (enc.kind) {
    case 'one-hot': case 'target-encoding': return 'category';
    case 'date-parts': return 'date';
    case 'hashed-ngrams': return 'pattern';
    default: return 'value';
  }
}

const keyOf = (v: ArrayLike<number>) => Array.from(v).join(',');

function targetVector(enc: Extract<ColumnEncoding, { kind: 'target-encoding' }>, code: number): Float32Array {
  const n = enc.classes ? enc.classes.length : 1;
  const known = Number.isInteger(code) && code >= 0 && code < enc.categories.length;
  return Float32Array.from({ length: n }, (_, o) => (known ? enc.values[code * n + o] : enc.prior[o]));
}

/** Labels and vector → code of a target-encoded column: categories with the same vector share the first one's code. */
function targetTables(enc: Extract<ColumnEncoding, { kind: 'target-encoding' }>): { labels: string[]; codes: Map<string, number> } {
  const codes = new Map<string, number>();
  const alike = new Array<number>(enc.categories.length).fill(0);
  enc.categories.forEach((_, k) => {
    const key = keyOf(targetVector(enc, k));
    const first = codes.get(key);
    if (first === undefined) codes.set(key, k); else alike[first]++;
  });
  const prior = keyOf(targetVector(enc, -1));
  if (!codes.has(prior)) codes.set(prior, -1);
  const labels = enc.categories.map((c, k) => (alike[k] > 0 ? `${c} (or ${alike[k]} more with the same encoding)` : c));
  return { labels, codes };
}

/** The space of a model: its encoding's source columns, or its `featureNames` (c0, c1… when it has none). */
export function explainSpace(encoding: FeatureEncoding | undefined, featureNames: readonly string[], featureCount: number): ExplainSpace {
  if (!encoding) {
    const names = Array.from({ length: featureCount }, (_, j) => featureNames[j] ?? `c${j}`);
    return { names, categories: names.map(() => null), spans: names.map((_, j) => ({ start: j, count: 1, missingAsZero: false })), featureCount };
  }
  let start = 0;
  const spans = encoding.columns.map((c) => {
    const s = { start, count: featureCountOf(c), missingAsZero: c.kind === 'one-hot' && c.missingAsZero === true };
    start += s.count;
    return s;
  });
  const targets = encoding.columns.map((c) => (c.kind === 'target-encoding' ? targetTables(c) : null));
  return {
    names: encoding.columns.map((c) => c.name),
    categories: encoding.columns.map((c, j) => (c.kind === 'one-hot' ? [...c.categories] : targets[j] ? targets[j].labels : c.kind === 'hashed-ngrams' ? [] : null)),
    spans,
    featureCount: start,
    impute: encoding.impute,
    kinds: encoding.columns.map(kindOf),
    columns: [...encoding.columns],
    patterns: encoding.columns.map((c) => (c.kind === 'hashed-ngrams' ? { index: new Map(), vectors: [] } : null)),
    targetCodes: targets.map((t) => t?.codes ?? null),
  };
}

/** Whether another copy of the model's space (built from the same file) decodes this space's rows: false once it holds hashed n-gram codes. */
export function portableSpace(space: ExplainSpace): boolean {
  return !(space.patterns ?? []).some((p) => p !== null && p.vectors.length > 0);
}

function kindAt(space: ExplainSpace, j: number): SpaceValueKind {
  return space.kinds?.[j] ?? (space.categories[j] === null ? 'value' : 'category');
}

const YEAR0 = 2000;
const RADIX: Record<Exclude<DatePart, 'year'>, number> = { month: 13, day: 32, weekday: 7, hour: 24 };
const FLOAT32_INTEGERS = 2 ** 24;

/** The parts packed, most significant first: year, month, day, hour, weekday (left out when year, month and day give it). */
function packOrder(parts: readonly DatePart[]): DatePart[] {
  const has = (p: DatePart) => parts.includes(p);
  const dated = has('year') && has('month') && has('day');
  return (['year', 'month', 'day', 'hour', 'weekday'] as const).filter((p) => has(p) && !(p === 'weekday' && dated));
}

function clampPart(part: DatePart, v: number): number {
  const r = Math.round(v);
  switch (part) {
    case 'year': return r;
    case 'month': return Math.min(12, Math.max(1, r));
    case 'day': return Math.min(31, Math.max(1, r));
    case 'weekday': return Math.min(6, Math.max(0, r));
    case 'hour': return Math.min(23, Math.max(0, r));
  }
}

/**
 * Date parts (`values[k]` for `parts[k]`) as one integer exact in float32: year − 2000, then each further
 * part in mixed radix (month 13, day 32, hour 24, weekday 7). Parts are rounded into their ranges (imputed
 * means are not whole) and the year clamped so the code stays below 2^24; NaN when any part is.
 */
export function packDate(parts: readonly DatePart[], values: ArrayLike<number>): number {
  const order = packOrder(parts);
  let radix = 1;
  for (const p of order) if (p !== 'year') radix *= RADIX[p];
  let code = 0;
  for (const p of order) {
    const v = values[parts.indexOf(p)];
    if (v !== v) return NaN;
    if (p === 'year') {
      const reach = Math.floor((FLOAT32_INTEGERS - radix) / radix);
      code = Math.min(reach, Math.max(-reach, Math.round(v) - YEAR0));
    } else code = code * RADIX[p] + clampPart(p, v);
  }
  return code;
}

/** The parts of a packed date, in `parts` order (NaN for NaN). */
export function unpackDate(parts: readonly DatePart[], code: number): number[] {
  if (code !== code) return parts.map(() => NaN);
  const order = packOrder(parts);
  const got = new Map<DatePart, number>();
  let rest = Math.round(code);
  for (let k = order.length - 1; k >= 0; k--) {
    const p = order[k];
    if (p === 'year') { got.set(p, rest + YEAR0); continue; }
    const v = ((rest % RADIX[p]) + RADIX[p]) % RADIX[p];
    got.set(p, clampPart(p, v));
    rest = (rest - v) / RADIX[p];
  }
  if (parts.includes('weekday') && !got.has('weekday')) {
    const d = new Date(0);
    d.setUTCFullYear(got.get('year')!, got.get('month')! - 1, got.get('day')!);
    got.set('weekday', d.getUTCDay());
  }
  return parts.map((p) => got.get(p)!);
}

/** The code of row i of a hashed n-gram column, registering its vector when new. */
function patternCode(table: PatternTable, labels: string[], cols: readonly Float32Array[], start: number, count: number, i: number, tf: boolean): number {
  const v = Float32Array.from({ length: count }, (_, k) => cols[start + k][i]);
  const key = keyOf(v);
  let code = table.index.get(key);
  if (code === undefined) {
    code = table.vectors.length;
    table.index.set(key, code);
    table.vectors.push(v);
    let sum = 0, set = 0;
    for (const x of v) { sum += x; if (x !== 0) set++; }
    labels.push(tf ? `text #${code + 1} (${set} bucket${set === 1 ? '' : 's'} set)` : `text #${code + 1} (${sum} n-gram${sum === 1 ? '' : 's'})`);
  }
  return code;
}

/**
 * Rows in the explanation space (n × columns, row-major) from the model's encoded features: a one-hot
 * column's code is the index of its 1, NaN when its features are NaN (missing), −1 when all are 0 (a value
 * not seen in training); the other kinds as the file comment says.
 */
export function spaceRows(space: ExplainSpace, x: FeatureMatrix): Float32Array {
  const cols = featureColumns(x);
  const c = space.names.length;
  const n = x.nRows;
  const out = new Float32Array(n * c);
  space.spans.forEach((s, j) => {
    const kind = kindAt(space, j);
    const enc = space.columns?.[j];
    if (kind === 'value') {
      const col = cols[s.start];
      for (let i = 0; i < n; i++) out[i * c + j] = col[i];
      return;
    }
    for (let i = 0; i < n; i++) {
      let code = -1;
      if (kind === 'date' && enc?.kind === 'date-parts') {
        code = packDate(enc.parts, Array.from({ length: s.count }, (_, k) => cols[s.start + k][i]));
      } else if (kind === 'pattern' && enc?.kind === 'hashed-ngrams') {
        code = patternCode(space.patterns![j]!, space.categories[j]!, cols, s.start, s.count, i, enc.tf);
      } else if (enc?.kind === 'target-encoding') {
        code = space.targetCodes![j]!.get(keyOf(Array.from({ length: s.count }, (_, k) => cols[s.start + k][i]))) ?? -1;
      } else {
        for (let k = 0; k < s.count; k++) {
          const v = cols[s.start + k][i];
          if (v !== v) { code = NaN; break; }
          if (v === 1) { code = k; break; }
        }
      }
      out[i * c + j] = code;
    }
  });
  return out;
}

/** Writes the features of column `j` with space value `v` at `out[at…]`, for the autopilot kinds. */
function writeKind(space: ExplainSpace, j: number, v: number, out: Float32Array, at: number): void {
  const enc = space.columns![j]!;
  const count = space.spans[j].count;
  if (enc.kind === 'target-encoding') { out.set(targetVector(enc, v), at); return; }
  if (enc.kind === 'date-parts') { out.set(unpackDate(enc.parts, v), at); return; }
  if (enc.kind === 'hashed-ngrams') {
    const table = space.patterns![j]!;
    const vector = Number.isInteger(v) ? table.vectors[v] : undefined;
    if (!vector) {
      throw new RangeError(`text column ${JSON.stringify(enc.name)}: explanation value ${v} is not a text this copy of the model has read; texts are known only to the space that read the data (explain such models without an inference pool)`);
    }
    out.set(vector.subarray(0, count), at);
  }
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
      const kind = kindAt(space, j);
      if (kind === 'value') {
        out[dst + s.start] = v;
        continue;
      }
      if (space.columns?.[j]?.kind !== 'one-hot' && space.columns?.[j]) {
        writeKind(space, j, v, out, dst + s.start);
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

/** The value of explained column `j` as text (a category's label, "(unseen)", the date parts, or the number). */
export function spaceValueText(space: ExplainSpace, j: number, v: number): string {
  const cats = space.categories[j];
  if (v !== v) return '';
  const enc = space.columns?.[j];
  if (enc?.kind === 'date-parts') {
    const values = unpackDate(enc.parts, v);
    return enc.parts.map((p, k) => `${p} ${values[k]}`).join(', ');
  }
  // Values are float32: 7 significant digits say what the data said, without float32's trailing noise.
  if (!cats) return String(Number(v.toPrecision(7)));
  if (enc?.kind === 'target-encoding' && !(v >= 0 && v < cats.length)) return '(unseen or missing)';
  return v >= 0 && v < cats.length ? cats[v] : '(unseen)';
}
