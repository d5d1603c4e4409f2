// The rows the playground draws: at most MAX_POINTS, evenly spaced through the table, read cell by cell
// (never a whole column on the main thread), with the target as a class index or a value.
import type { Table } from 'apache-arrow';

/** Most rows drawn over the surface. */
export const MAX_POINTS = 1500;

/** x, y and target per drawn row (NaN where a cell is missing or not a number, or the class is unknown). */
export interface PlaygroundPoints {
  x: Float32Array;
  y: Float32Array;
  value: Float32Array;
}

const num = (v: unknown) => (v === null || v === undefined || v === '' ? NaN : Number(v));

export function playgroundPoints(table: Table, xName: string, yName: string, target: string, classes: readonly string[]): PlaygroundPoints | null {
  const xc = table.getChild(xName), yc = table.getChild(yName), tc = table.getChild(target);
  if (!xc || !yc || !tc) return null;
  const n = table.numRows;
  const count = Math.min(n, MAX_POINTS);
  const index = new Map(classes.map((c, k) => [c, k]));
  const out = { x: new Float32Array(count), y: new Float32Array(count), value: new Float32Array(count) };
  for (let k = 0; k < count; k++) {
    const i = Math.floor((k * n) / count);
    out.x[k] = num(xc.get(i));
    out.y[k] = num(yc.get(i));
    const t = tc.get(i);
    out.value[k] = classes.length ? (t === null || t === undefined ? NaN : index.get(String(t)) ?? NaN) : num(t);
  }
  return out;
}
