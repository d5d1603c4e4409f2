// The report's counts against pandas on a real file: vega-datasets' birdstrikes.csv (10,000 rows, 24
// duplicate rows, 28% missing speeds, cost columns that are mostly 0). pandas 1.5 does not read "None" as
// missing while mlpad's loader does (pandas 2's default), so pandas is given na_values=['None'].
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exploreData, inferProblem } from '../../../src/lib/autopilot/index.ts';
import { fileTable, repoPath } from './fixtures.ts';

const PYTHON = '/usr/bin/python3';
const hasPandas = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0;
const skipReason = hasPandas ? '' : ` (skipped: ${PYTHON} cannot import pandas; apt-get install python3-pandas)`;

const FILE = 'node_modules/vega-datasets/data/birdstrikes.csv';
const SCRIPT = `
import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1], na_values=['None'])
out = {'missing': {c: float(df[c].isna().mean()) for c in df.columns}, 'duplicates': int(df.duplicated().sum()), 'iqr': {}}
for c in df.select_dtypes('number').columns:
    s = df[c].dropna()
    q1, q3 = s.quantile(0.25), s.quantile(0.75)
    iqr = q3 - q1
    out['iqr'][c] = [int(((s < q1 - 1.5 * iqr) | (s > q3 + 1.5 * iqr)).sum()), int(((s < q1 - 3 * iqr) | (s > q3 + 3 * iqr)).sum())]
print(json.dumps(out))
`;

describe('exploreData against pandas', () => {
  it.skipIf(!hasPandas)(`birdstrikes.csv: missing shares, duplicate rows and IQR outlier counts equal pandas' exactly${skipReason}`, async () => {
    const run = spawnSync(PYTHON, ['-c', SCRIPT, repoPath(FILE)], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const pandas = JSON.parse(run.stdout) as { missing: Record<string, number>; duplicates: number; iqr: Record<string, [number, number]> };
    const table = await fileTable(FILE);
    const report = exploreData(table, 'Wildlife Size', inferProblem(table, 'Wildlife Size'));

    expect(Object.fromEntries(report.columns.map((c) => [c.name, c.missingShare]))).toEqual(pandas.missing);
    expect(report.findings.find((f) => f.kind === 'duplicate-rows')!.value).toBe(pandas.duplicates);
    expect(pandas.duplicates).toBe(24);
    const ours = Object.fromEntries(report.columns.filter((c) => c.outliers).map((c) => [c.name, [c.outliers!.beyond1_5, c.outliers!.beyond3]]));
    expect(ours).toEqual(pandas.iqr);
  });
});
