// Pearson correlation over pairwise-complete rows, pandas' DataFrame.corr() default: each pair uses the
// rows where both columns have a value, so one sparse column does not shrink every other pair. Two passes
// (means, then centred products) keep precision when means are large against spreads; pandas uses
// Welford's update, and the two agree to ~1e-15.
import { compensatedSum } from './moments.ts';

/** Most numeric columns the correlation matrix covers: the cost is O(columns² × rows) and a 40 × 40 grid is already dense. */
export const MAX_CORRELATION_COLUMNS = 40;

interface ColumnFacts {
  complete: boolean;
  mean: number;
  /** Centred sum of squares over all rows; only meaningful when complete. */
  ss: number;
}

function facts(values: Float64Array): ColumnFacts {
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== values[i]) return { complete: false, mean: NaN, ss: NaN };
  }
  const mean = compensatedSum(values) / values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i] - mean) ** 2;
  return { complete: true, mean, ss };
}

function finish(n: number, sxx: number, syy: number, sxy: number): number | null {
  if (n < 2) return null;
  const d = Math.sqrt(sxx) * Math.sqrt(syy);
  if (!(d > 0) || !Number.isFinite(d)) return null;
  const r = sxy / d;
  // Rounding can push |r| a hair past 1; a correlation cannot be.
  return Number.isNaN(r) ? null : Math.max(-1, Math.min(1, r));
}

function pairComplete(x: Float64Array, y: Float64Array, fx: ColumnFacts, fy: ColumnFacts): number | null {
  let sxy = 0;
  for (let i = 0; i < x.length; i++) sxy += (x[i] - fx.mean) * (y[i] - fy.mean);
  return finish(x.length, fx.ss, fy.ss, sxy);
}

function pairwise(x: Float64Array, y: Float64Array): number | null {
  let n = 0, sx = 0, sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i], b = y[i];
    if (a === a && b === b) { n++; sx += a; sy += b; }
  }
  if (n < 2) return null;
  const mx = sx / n, my = sy / n;
  let sxx = 0, syy = 0, sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i], b = y[i];
    if (a === a && b === b) {
      const dx = a - mx, dy = b - my;
      sxx += dx * dx; syy += dy * dy; sxy += dx * dy;
    }
  }
  return finish(n, sxx, syy, sxy);
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
  const info = columns.map(facts);
  const out: (number | null)[][] = columns.map(() => new Array<number | null>(k).fill(null));
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let r: number | null;
      if (i === j) r = pairwise(columns[i], columns[i]) === null ? null : 1;
      else if (info[i].complete && info[j].complete) r = pairComplete(columns[i], columns[j], info[i], info[j]);
      else r = pairwise(columns[i], columns[j]);
      out[i][j] = r;
      out[j][i] = r;
    }
  }
  return out;
}
