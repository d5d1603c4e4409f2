// Autopilot's row splits: the test split held out first (stratified by class for classification, seeded),
// then a validation split of what is left (HYPERPARAMETER_TUNING) or k stratified folds (ENSEMBLING's
// bagging). All splits are row indices into one table whose target is present in every row.
import type { Table } from 'apache-arrow';
import { takeRows } from '../data/take-rows.ts';
import { SeededRandom } from '../ml/random.ts';
import { AutopilotError } from './errors.ts';

/** Share of rows held out as the test split when no test table is given. */
export const TEST_FRACTION = 0.2;

/** Share of the training rows each HPO trial validates on. */
export const VALIDATION_FRACTION = 0.2;

/** Fewest rows a fold may hold. */
export const MIN_FOLD_ROWS = 10;

function shuffled(rows: number[], rng: SeededRandom): number[] {
  for (let i = rows.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return rows;
}

/** Rows grouped by stratum (class index), each group shuffled; one group for regression (strata undefined). */
function groups(rows: ArrayLike<number>, strata: Float32Array | undefined, rng: SeededRandom): number[][] {
  const by = new Map<number, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const key = strata ? strata[rows[i]] : 0;
    let g = by.get(key);
    if (!g) by.set(key, (g = []));
    g.push(rows[i]);
  }
  return [...by.keys()].sort((a, b) => a - b).map((k) => shuffled(by.get(k)!, rng));
}

/** Splits `rows` into a held-out part of `fraction` and the rest, per stratum; both parts ascending. */
export function holdOut(rows: ArrayLike<number>, fraction: number, strata: Float32Array | undefined, seed: number): { rest: Uint32Array; held: Uint32Array } {
  const rng = new SeededRandom(seed);
  const held: number[] = [], rest: number[] = [];
  for (const g of groups(rows, strata, rng)) {
    const h = g.length >= 2 ? Math.max(1, Math.round(g.length * fraction)) : 0;
    held.push(...g.slice(0, h));
    rest.push(...g.slice(h));
  }
  return { rest: Uint32Array.from(rest).sort(), held: Uint32Array.from(held).sort() };
}

/**
 * `k` folds of `rows`, stratified: class by class, rows are dealt to folds in turn, so every fold keeps the
 * class shares. Throws AutopilotError when a fold would hold fewer than MIN_FOLD_ROWS rows.
 */
export function kFolds(rows: ArrayLike<number>, k: number, strata: Float32Array | undefined, seed: number): Uint32Array[] {
  if (!Number.isInteger(k) || k < 2) throw new AutopilotError(`Folds must be a whole number of at least 2; got ${k}`);
  if (rows.length < k * MIN_FOLD_ROWS) {
    throw new AutopilotError(`ENSEMBLING needs at least ${k * MIN_FOLD_ROWS} training rows for ${k} folds of ${MIN_FOLD_ROWS}; the training split has ${rows.length}. Add rows, use fewer folds, or choose Mode HYPERPARAMETER_TUNING`);
  }
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const g of groups(rows, strata, new SeededRandom(seed))) for (const r of g) { folds[next].push(r); next = (next + 1) % k; }
  return folds.map((f) => Uint32Array.from(f).sort());
}

/** Every row of `all` not in `fold` (both ascending). */
export function complement(all: Uint32Array, fold: Uint32Array): Uint32Array {
  const out: number[] = [];
  let j = 0;
  for (const r of all) {
    while (j < fold.length && fold[j] < r) j++;
    if (j < fold.length && fold[j] === r) continue;
    out.push(r);
  }
  return Uint32Array.from(out);
}

/** The rows of `table` at `rows`. */
export const rowsOf = (table: Table, rows: ArrayLike<number>): Table => takeRows(table, rows);
