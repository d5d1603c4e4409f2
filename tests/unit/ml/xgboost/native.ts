// Talking to native XGBoost 1.7 through scripts/ml/xgb_reference.py on Debian's /usr/bin/python3. Tests
// that need it use `it.skipIf(!hasNativeXGBoost)` and put `nativeSkipReason` in their title, so a
// machine without python3-xgboost reports them as skipped, with the reason.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TrainingData } from '../../../../src/lib/ml/matrix.ts';

const PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('../../../../scripts/ml/xgb_reference.py', import.meta.url).pathname;

export const hasNativeXGBoost = existsSync(PYTHON)
  && spawnSync(PYTHON, ['-c', 'import xgboost, sklearn, numpy'], { encoding: 'utf8' }).status === 0;
export const nativeSkipReason = hasNativeXGBoost ? '' : ` (skipped: ${PYTHON} cannot import xgboost and sklearn; apt-get install python3-xgboost python3-sklearn)`;

export function native<T = Record<string, unknown>>(request: object): T {
  const run = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`xgb_reference.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** Rows (null = missing) → an mlpad training set. */
export function toData(X: (number | null)[][], y: number[]): TrainingData {
  return {
    features: Float32Array.from(X.flat(), (v) => (v === null ? NaN : v)),
    nRows: X.length, nCols: X[0].length, labels: Float32Array.from(y),
  };
}

/** Largest |a[i] − b[i]|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
