// Talking to scikit-learn / numpy (Debian's python3-sklearn) for reference numbers. A test sends a JSON
// request to a script under scripts/ml/ on stdin and reads JSON back; tests that need it use
// `it.skipIf(!hasSklearn)` and put `sklearnSkipReason` in their title, so a machine without python3-sklearn
// reports them as skipped, with the reason.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PYTHON = '/usr/bin/python3';

export const hasSklearn = existsSync(PYTHON)
  && spawnSync(PYTHON, ['-c', 'import sklearn, numpy, scipy'], { encoding: 'utf8' }).status === 0;
export const sklearnSkipReason = hasSklearn ? '' : ` (skipped: ${PYTHON} cannot import sklearn; apt-get install python3-sklearn python3-scipy)`;

/** Runs scripts/ml/`script` with `request` as JSON on stdin; resolves its stdout parsed as JSON. */
export function python<T = Record<string, unknown>>(script: string, request: object): T {
  const path = new URL(`../../../scripts/ml/${script}`, import.meta.url).pathname;
  const run = spawnSync(PYTHON, [path], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`${script} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** Rows of numbers (null = missing) as a row-major Float32Array. */
export function rows(X: (number | null)[][]): Float32Array {
  return Float32Array.from(X.flat(), (v) => (v === null ? NaN : v));
}
