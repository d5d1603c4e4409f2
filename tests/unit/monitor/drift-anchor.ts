// SciPy anchors for the drift tests, through scripts/monitor/drift_reference.py on Debian's /usr/bin/python3.
// Tests that need it use `it.skipIf(!hasScipy)` and put `scipySkipReason` in their title.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mulberry32 } from '../../../src/lib/ml/random.ts';

const PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('../../../scripts/monitor/drift_reference.py', import.meta.url).pathname;

export const hasScipy = existsSync(PYTHON)
  && spawnSync(PYTHON, ['-c', 'import scipy.stats, scipy.spatial, numpy'], { encoding: 'utf8' }).status === 0;
export const scipySkipReason = hasScipy ? '' : ` (skipped: ${PYTHON} cannot import scipy and numpy; apt-get install python3-scipy)`;

/** Answers to a batch of requests (see the script's docstring), in order. */
export function scipy<T = Record<string, unknown>>(requests: object[]): T[] {
  const run = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(requests), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`drift_reference.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T[];
}

/** Seeded normal sample (Box-Muller over mulberry32), optionally rounded to `digits` decimals to make ties. */
export function normalSample(seed: number, n: number, loc = 0, scale = 1, digits?: number): number[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const x = loc + scale * Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    return digits === undefined ? x : Math.round(x * 10 ** digits) / 10 ** digits;
  });
}
