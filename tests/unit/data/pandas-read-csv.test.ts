// Real public CSV files read as pandas' read_csv reads them, and better where pandas loses characters: the same
// rows and columns, the same missing cells per column (pandas 2's default na_values, which include "None"),
// and ZIP codes kept as text (pandas turns 00501 into the integer 501). Needs Debian's /usr/bin/python3 with
// python3-pandas.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBytes } from '../../../src/lib/data/index.ts';

const PYTHON = '/usr/bin/python3';
const hasPandas = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0;
const reason = hasPandas ? '' : ` (skipped: ${PYTHON} with pandas not found; apt-get install python3-pandas)`;
const DATA = new URL('../../../node_modules/vega-datasets/data/', import.meta.url).pathname;

const SCRIPT = `
import sys, json
import pandas as pd
out = {}
from pandas._libs.parsers import STR_NA_VALUES
# pandas 2 added "None" to its default missing tokens; Debian 12's pandas 1.5 lacks it, so add it here to
# compare with the list pandas users get today.
extra = [] if 'None' in STR_NA_VALUES else ['None']
for name in json.load(sys.stdin):
    df = pd.read_csv(sys.argv[1] + name, na_values=extra)
    out[name] = {'rows': len(df), 'columns': list(df.columns), 'missing': {c: int(df[c].isna().sum()) for c in df.columns},
                 'first': {c: str(df[c].iloc[0]) for c in df.columns}}
print(json.dumps(out))
`;

const FILES = ['birdstrikes.csv', 'zipcodes.csv', 'airports.csv', 'seattle-weather.csv', 'stocks.csv', 'us-employment.csv', 'github.csv', 'la-riots.csv', 'disasters.csv', 'weather.csv'];

describe('real CSV files against pandas.read_csv', () => {
  it.skipIf(!hasPandas)(`rows, columns and missing cells per column equal pandas' on ${FILES.length} vega-datasets files${reason}`, async () => {
    const run = spawnSync(PYTHON, ['-c', SCRIPT, DATA], { input: JSON.stringify(FILES), encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.status !== 0) throw new Error(run.stderr);
    const pandas = JSON.parse(run.stdout) as Record<string, { rows: number; columns: string[]; missing: Record<string, number>; first: Record<string, string> }>;
    for (const name of FILES) {
      const { table } = await loadBytes(name, new Uint8Array(readFileSync(DATA + name)));
      const p = pandas[name];
      expect(table.numRows, name).toBe(p.rows);
      expect(table.schema.fields.map((f) => f.name), name).toEqual(p.columns);
      for (const c of p.columns) {
        let missing = 0;
        for (const v of table.getChild(c)!) if (v === null || (typeof v === 'number' && Number.isNaN(v))) missing++;
        expect(missing, `${name} ${c}`).toBe(p.missing[c]);
      }
    }
    // Better than pandas on identifiers: the ZIP code keeps its leading zeros.
    const zip = (await loadBytes('zipcodes.csv', new Uint8Array(readFileSync(DATA + 'zipcodes.csv')))).table.getChild('zip_code')!;
    expect(String(zip.get(0))).toBe('00501');
    expect(pandas['zipcodes.csv'].first.zip_code).toBe('501');
  });
});
