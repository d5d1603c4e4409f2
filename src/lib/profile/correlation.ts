// Pearson correlation over pairwise-complete rows, pandas' DataFrame.corr() default: each pair uses the
// rows where both columns have a value, so one sparse column does not shrink every other pair. Two passes
// (means, then centred products) keep precision when means are large against spreads; pandas uses
// Welford's update, and the two agree to ~1e-15.
//
// Both passes run over windows of rows, so a 10-million-row table never needs its columns as whole row-aligned
// copies: each pass asks for one window of every column at a time. Every sum still runs in row order, so the
// result does not depend on the window size.

/** Most numeric columns the correlation matrix covers: the cost is O(columns² × rows) and a 40 × 40 grid is already dense. */
export const MAX_CORRELATION_COLUMNS = 40;

/** Rows per window of pearsonWindows; defaults to 65,536 (0.5 MB a column). */
export const CORRELATION_WINDOW_ROWS = 65_536;

/**
 * Rows [start, start + scratch.length) of column `j` (NaN = missing): `scratch` filled, or a read-only view
 * holding the same values.
 */
export type ColumnWindowReader = (j: number, start: number, scratch: Float64Array) => Float64Array;

function finish(n: number, sxx: number, syy: number, sxy: number): number | null {
  if (n < 2) return null;
  const d = Math.sqrt(sxx) * Math.sqrt(syy);
  if (!(d > 0) || !Number.isFinite(d)) return null;
  const r = sxy / d;
  // Rounding can push |r| a hair past 1; a correlation cannot be.
  return Number.isNaN(r) ? null : Math.max(-1, Math.min(1, r));
}

/** A pair over pairwise-complete rows (either column has a gap, or the diagonal): counts and sums, then centred sums. */
interface PairSums { i: number; j: number; n: number; sx: number; sy: number; sxx: number; syy: number; sxy: number }

/**
 * The Pearson matrix of `k` row-aligned columns of `rows` rows, read window by window through `read`.
 * `complete[j]` says column j has no missing cell (it then takes the faster path with Neumaier-summed means).
 * Same entries as pearsonMatrix; `windowRows` defaults to CORRELATION_WINDOW_ROWS.
 */
export function pearsonWindows(k: number, rows: number, complete: readonly boolean[], read: ColumnWindowReader, windowRows = CORRELATION_WINDOW_ROWS): (number | null)[][] {
  const scratch = Array.from({ length: k }, () => new Float64Array(Math.max(0, Math.min(windowRows, rows))));
  const windows = function* (): Generator<Float64Array[]> {
    for (let start = 0; start < rows; start += windowRows) {
      const n = Math.min(windowRows, rows - start);
      yield scratch.map((s, j) => read(j, start, n === s.length ? s : s.subarray(0, n)));
    }
  };
  // Complete columns: Neumaier-compensated sum, then centred sum of squares; complete pairs: centred products.
  const sum = new Float64Array(k), comp = new Float64Array(k), ss = new Float64Array(k), mean = new Float64Array(k);
  const pairs: PairSums[] = [];
  const products: { i: number; j: number; sxy: number }[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      if (i !== j && complete[i] && complete[j]) products.push({ i, j, sxy: 0 });
      else pairs.push({ i, j, n: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0 });
    }
  }
  for (const w of windows()) {
    for (let j = 0; j < k; j++) {
      if (!complete[j]) continue;
      const x = w[j];
      let s = sum[j], c = comp[j];
      for (let r = 0; r < x.length; r++) {
        const v = x[r];
        const t = s + v;
        c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
        s = t;
      }
      sum[j] = s; comp[j] = c;
    }
    for (const p of pairs) {
      const x = w[p.i], y = w[p.j];
      let n = p.n, sx = p.sx, sy = p.sy;
      for (let r = 0; r < x.length; r++) {
        const a = x[r], b = y[r];
        if (a === a && b === b) { n++; sx += a; sy += b; }
      }
      p.n = n; p.sx = sx; p.sy = sy;
    }
  }
  for (let j = 0; j < k; j++) mean[j] = complete[j] ? (sum[j] + comp[j]) / rows : NaN;
  for (const w of windows()) {
    for (let j = 0; j < k; j++) {
      if (!complete[j]) continue;
      const x = w[j], m = mean[j];
      let s = ss[j];
      for (let r = 0; r < x.length; r++) s += (x[r] - m) ** 2;
      ss[j] = s;
    }
    for (const p of products) {
      const x = w[p.i], y = w[p.j], mx = mean[p.i], my = mean[p.j];
      let sxy = p.sxy;
      for (let r = 0; r < x.length; r++) sxy += (x[r] - mx) * (y[r] - my);
      p.sxy = sxy;
    }
    for (const p of pairs) {
      if (p.n < 2) continue;
      const x = w[p.i], y = w[p.j], mx = p.sx / p.n, my = p.sy / p.n;
      let sxx = p.sxx, syy = p.syy, sxy = p.sxy;
      for (let r = 0; r < x.length; r++) {
        const a = x[r], b = y[r];
        if (a === a && b === b) {
          const dx = a - mx, dy = b - my;
          sxx += dx * dx; syy += dy * dy; sxy += dx * dy;
        }
      }
      p.sxx = sxx; p.syy = syy; p.sxy = sxy;
    }
  }
  const out: (number | null)[][] = Array.from({ length: k }, () => new Array<number | null>(k).fill(null));
  const set = (i: number, j: number, r: number | null) => { out[i][j] = r; out[j][i] = r; };
  for (const p of products) set(p.i, p.j, finish(rows, ss[p.i], ss[p.j], p.sxy));
  for (const p of pairs) {
    const r = finish(p.n, p.sxx, p.syy, p.sxy);
    set(p.i, p.j, p.i === p.j ? (r === null ? null : 1) : r);
  }
  return out;
}

/**
 * Symmetric matrix of Pearson correlations between row-aligned `columns` (NaN = missing). An entry is null
 * where it is undefined: fewer than two complete pairs, or a column constant over those pairs. The
 * diagonal is 1 for a column with any spread, null otherwise (pandas gives NaN there too).
 */
export function pearsonMatrix(columns: readonly Float64Array[]): (number | null)[][] {
  const k = columns.length;
  for (let j = 1; j < k; j++) {
    if (columns[j].length !== columns[0].length) {
      throw new RangeError(`pearsonMatrix: columns must have equal lengths; column 0 has ${columns[0].length} rows, column ${j} has ${columns[j].length}`);
    }
  }
  const rows = k === 0 ? 0 : columns[0].length;
  const complete = columns.map((x) => {
    for (let i = 0; i < x.length; i++) if (x[i] !== x[i]) return false;
    return true;
  });
  return pearsonWindows(k, rows, complete, (j, start, scratch) => columns[j].subarray(start, start + scratch.length));
}
