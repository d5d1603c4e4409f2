// The part of every exported module that is not the algorithm: raw row values to the model's float32
// features exactly as mlpad encodes a table (src/lib/ml/prepare/encode-columns.ts, column-values.ts, the
// autopilot kinds' date-parts.ts, hashed-ngrams.ts, target-encoding.ts, scale.ts, and
// profile/iso-date.ts, re-stated here as plain JavaScript text), the training means that fill missing
// features, and the SageMaker-style records. It is emitted as text so the module has no imports and no
// build step can rename or wrap anything in it. The text reads the constants ENC (the FeatureEncoding),
// CLASSES (class labels or null) and NEEDS_FINITE (whether the algorithm refuses missing or infinite values).

/** JavaScript source shared by every exported module. */
export const COMMON_RUNTIME = String.raw`
const f = Math.fround;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);

function describe(v) {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '...' : v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}

function parseIsoDate(text) {
  const m = ISO.exec(text.trim());
  if (m === null) return NaN;
  const y = +m[1], mo = +m[2], d = +m[3];
  const h = m[4] === undefined ? 0 : +m[4];
  const mi = m[5] === undefined ? 0 : +m[5];
  const s = m[6] === undefined ? 0 : +m[6];
  if (mo < 1 || mo > 12 || d < 1) return NaN;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1])) return NaN;
  if (h > 23 || mi > 59 || s > 59) return NaN;
  const ms = m[7] === undefined ? 0 : +(m[7] + '00').slice(0, 3);
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  let t = date.getTime();
  const zone = m[8];
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offH = +digits.slice(0, 2);
    const offM = digits.length > 2 ? +digits.slice(2, 4) : 0;
    if (offH > 23 || offM > 59) return NaN;
    t -= sign * (offH * 60 + offM) * 60000;
  }
  return t;
}

function isMissing(v) {
  return v === null || v === undefined || (typeof v === 'number' && v !== v) || (typeof v === 'string' && v.trim() === '');
}

function numberCell(v, column, at) {
  if (isMissing(v)) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && DECIMAL.test(v.trim())) return Number(v.trim());
  throw new TypeError('row ' + at + ': column ' + JSON.stringify(column) + ' is numeric but holds ' + describe(v) + '; send a number, or null for a missing value');
}

function booleanCell(v) {
  if (isMissing(v)) return NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v) !== 0 ? 1 : 0;
  const t = String(v).trim().toLowerCase();
  return TRUE_WORDS.has(t) ? 1 : FALSE_WORDS.has(t) ? 0 : NaN;
}

function dateMs(v) {
  if (isMissing(v)) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.getTime();
  return parseIsoDate(String(v));
}

function dateCell(v) {
  return dateMs(v) / 1000;
}

// Date parts in UTC (src/lib/ml/prepare/date-parts.ts): month 1-12, weekday 0 = Sunday.
function datePart(ms, part) {
  if (ms !== ms) return NaN;
  const d = new Date(Math.floor(ms));
  switch (part) {
    case 'year': return d.getUTCFullYear();
    case 'month': return d.getUTCMonth() + 1;
    case 'day': return d.getUTCDate();
    case 'weekday': return d.getUTCDay();
    case 'hour': return d.getUTCHours();
    default: throw new Error('unknown date part ' + part);
  }
}

// Hashed word 1- and 2-grams (src/lib/ml/prepare/hashed-ngrams.ts): 32-bit FNV-1a over UTF-8 bytes.
function fnv1a(text) {
  let h = 0x811c9dc5;
  const byte = (b) => { h = Math.imul(h ^ b, 0x01000193); };
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c < 0x80) byte(c);
    else if (c < 0x800) { byte(0xc0 | (c >> 6)); byte(0x80 | (c & 63)); }
    else if (c < 0x10000) { byte(0xe0 | (c >> 12)); byte(0x80 | ((c >> 6) & 63)); byte(0x80 | (c & 63)); }
    else { byte(0xf0 | (c >> 18)); byte(0x80 | ((c >> 12) & 63)); byte(0x80 | ((c >> 6) & 63)); byte(0x80 | (c & 63)); }
  }
  return h >>> 0;
}

function ngramCounts(text, buckets, tf) {
  const out = new Float64Array(buckets);
  if (text === null) return out;
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  const grams = words.slice();
  for (let i = 0; i + 1 < words.length; i++) grams.push(words[i] + ' ' + words[i + 1]);
  for (const g of grams) out[fnv1a(g) % buckets]++;
  if (tf && grams.length > 0) for (let b = 0; b < buckets; b++) out[b] /= grams.length;
  return out;
}

function categoryCell(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return v !== v ? null : String(v);
  if (v instanceof Date) return v.getTime() !== v.getTime() ? null : v.toISOString();
  return String(v);
}

const CATEGORY_INDEX = ENC.columns.map((c) => (c.categories ? new Map(c.categories.map((v, k) => [v, k])) : null));

function encodeRow(row, at) {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) {
    throw new TypeError('row ' + at + ' must be an object of column values keyed by input name (see metadata.inputs); got ' + describe(row));
  }
  const x = new Float32Array(ENC.featureNames.length);
  let j = 0;
  for (let c = 0; c < ENC.columns.length; c++) {
    const col = ENC.columns[c];
    const v = Object.prototype.hasOwnProperty.call(row, col.name) ? row[col.name] : null;
    switch (col.kind) {
      case 'numeric': x[j++] = numberCell(v, col.name, at); break;
      case 'boolean': x[j++] = booleanCell(v); break;
      case 'datetime': x[j++] = dateCell(v); break;
      case 'one-hot': {
        const t = categoryCell(v);
        const n = col.categories.length;
        if (t === null) { if (!col.missingAsZero) for (let k = 0; k < n; k++) x[j + k] = NaN; }
        else { const k = CATEGORY_INDEX[c].get(t); if (k !== undefined) x[j + k] = 1; }
        j += n;
        break;
      }
      case 'ordinal': {
        const t = categoryCell(v);
        const k = t === null ? undefined : CATEGORY_INDEX[c].get(t);
        x[j++] = k === undefined ? NaN : k;
        break;
      }
      case 'scaled': x[j++] = (numberCell(v, col.name, at) - col.mean) / col.std; break;
      case 'date-parts': {
        const ms = dateMs(v);
        for (const part of col.parts) x[j++] = datePart(ms, part);
        break;
      }
      case 'hashed-ngrams': {
        const counts = ngramCounts(categoryCell(v), col.buckets, col.tf);
        for (let b = 0; b < col.buckets; b++) x[j + b] = counts[b];
        j += col.buckets;
        break;
      }
      case 'target-encoding': {
        const t = categoryCell(v);
        const k = t === null ? undefined : CATEGORY_INDEX[c].get(t);
        const n = col.classes ? col.classes.length : 1;
        for (let o = 0; o < n; o++) x[j + o] = k === undefined ? col.prior[o] : col.values[k * n + o];
        j += n;
        break;
      }
      default: throw new Error('unknown column encoding ' + col.kind);
    }
  }
  if (ENC.impute) for (let k = 0; k < x.length; k++) if (x[k] !== x[k]) x[k] = ENC.impute[k];
  if (NEEDS_FINITE) {
    for (let k = 0; k < x.length; k++) {
      if (!Number.isFinite(x[k])) throw new RangeError('row ' + at + ': feature ' + JSON.stringify(ENC.featureNames[k]) + ' is ' + x[k] + '; this model needs a finite number in every feature');
    }
  }
  return x;
}

function b64bytes(text) {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function b64f32(text) {
  const bytes = b64bytes(text);
  const view = new DataView(bytes.buffer);
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function b64i32(text) {
  const bytes = b64bytes(text);
  const view = new DataView(bytes.buffer);
  const out = new Int32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4, true);
  return out;
}

// TensorFlow.js's CPU matMul: float64 sums over blocks of 48 of the shared dimension, each added to the
// float32 result. a(i, k) = a[ao + k * as], b(k) = b[bo + k * bs].
function dotBlocked(a, ao, as, b, bo, bs, n) {
  let acc = 0;
  for (let k0 = 0; k0 < n; k0 += 48) {
    const k1 = Math.min(k0 + 48, n);
    let s = 0;
    for (let k = k0; k < k1; k++) s += a[ao + k * as] * b[bo + k * bs];
    acc = f(acc + s);
  }
  return acc;
}

const LABELS = CLASSES || [];

// Binary: [1 − p, p] as mlpad's predictions CSV writes it, whatever the first entry given.
function classRecord(label, probs) {
  const name = LABELS[label] === undefined ? String(label) : LABELS[label];
  if (probs.length === 2) probs = [f(1 - probs[1]), probs[1]];
  return probs.length === 2
    ? { predicted_label: name, score: probs[1], probabilities: probs }
    : { predicted_label: name, score: probs.slice(), probabilities: probs };
}
`;
