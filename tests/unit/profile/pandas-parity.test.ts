// Cross-check against pandas, the reference most users will compare the profile with. Needs Debian's
// /usr/bin/python3 with python3-pandas (the python3 on PATH may be another install without it); without
// it the test is reported as skipped, with the reason in its title. The tolerance is 1e-9 relative, not
// 1e-15: on the epoch-scale column 't' pandas' Welford-update correlation drifts ~1e-10 from the exact
// value (checked with rational arithmetic), while the two-pass kernel here matches it to ~1e-17.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { profileTable } from '../../../src/lib/profile/profile-table.ts';
import { buildSchema } from '../../../src/lib/profile/schema.ts';
import { f64, mulberry32 } from './fixtures.ts';

const PYTHON = '/usr/bin/python3';
const hasPandas = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0;
const reason = hasPandas ? '' : ` (skipped: ${PYTHON} with pandas not found; apt-get install python3-pandas)`;

const SCRIPT = `
import sys, json, math
import pandas as pd
cols = json.load(sys.stdin)
df = pd.DataFrame({k: pd.Series([math.nan if v is None else v for v in vs], dtype='float64') for k, vs in cols.items()})
clean = lambda x: None if x != x else float(x)
out = {
  'mean': {c: clean(df[c].mean()) for c in df},
  'std': {c: clean(df[c].std()) for c in df},
  'min': {c: clean(df[c].min()) for c in df},
  'max': {c: clean(df[c].max()) for c in df},
  'nunique': {c: int(df[c].nunique()) for c in df},
  'quantiles': {c: [clean(q) for q in df[c].quantile([0.05, 0.25, 0.5, 0.75, 0.95])] for c in df},
  'corr': [[clean(v) for v in row] for row in df.corr().values.tolist()],
}
print(json.dumps(out))
`;

function normal(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

function dataset(n: number): Record<string, (number | null)[]> {
  const rnd = mulberry32(20240601);
  const x: (number | null)[] = [], y: (number | null)[] = [], k: (number | null)[] = [], t: (number | null)[] = [], c: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const xi = 50 + 10 * normal(rnd);
    x.push(rnd() < 0.03 ? null : xi);
    y.push(rnd() < 0.05 ? null : 2 * xi + 5 * normal(rnd));
    k.push(Math.floor(rnd() * 21));
    // Epoch-millisecond scale: large mean, small spread.
    t.push(1.7e12 + Math.round(rnd() * 1e6));
    c.push(7);
  }
  return { x, y, k, t, c };
}

const close = (actual: number | null | undefined, expected: number | null) => {
  if (expected === null) return expect(actual === null || Number.isNaN(actual)).toBe(true);
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
};

describe('profileTable against pandas 1.5 (relative tolerance 1e-9)', () => {
  it.skipIf(!hasPandas)(`profileTable matches pandas mean, std, min, max, nunique, quantile and corr on 5,000 seeded rows${reason}`, () => {
    const data = dataset(5000);
    const table = new Table(Object.fromEntries(Object.entries(data).map(([name, v]) => [name, f64(v)])));
    const profile = profileTable(table, buildSchema(table));
    const run = spawnSync(PYTHON, ['-c', SCRIPT], { input: JSON.stringify(data), encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(run.stderr).toBe('');
    const ref = JSON.parse(run.stdout);
    for (const c of profile.columns) {
      const s = c.numeric!;
      close(s.mean, ref.mean[c.name]);
      close(s.std, ref.std[c.name]);
      close(s.min, ref.min[c.name]);
      close(s.max, ref.max[c.name]);
      expect(c.distinct).toBe(ref.nunique[c.name]);
      s.quantiles.forEach((q, i) => close(q.value, ref.quantiles[c.name][i]));
    }
    expect(profile.correlation.columns).toEqual(['x', 'y', 'k', 't', 'c']);
    profile.correlation.values.forEach((row, i) => row.forEach((r, j) => close(r, ref.corr[i][j])));
    // The fixture must exercise what it claims to: missing cells, a strong correlation, a constant column.
    expect(profile.columns[0].missing).toBeGreaterThan(0);
    expect(profile.correlation.values[0][1]).toBeGreaterThan(0.9);
    expect(profile.correlation.values[4][4]).toBeNull();
  });
});
