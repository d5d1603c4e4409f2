// The type each column is read as, against DuckDB's CSV/JSON sniffer (read_csv_auto / read_json_auto, the
// @duckdb/node-api dev dependency) and pandas (read_csv / read_json, Debian's python3-pandas) on 25 real
// vega-datasets files. mlpad must agree with DuckDB on every column, except where it is provably better:
// dates DuckDB's sniffer leaves as text (checked by parsing them with DuckDB's own strptime in the format
// mlpad found: every instant must match), and integers too large for 32 bits (kept exact as Float64).
// Against pandas the differences are the ones pandas users know: integer columns with missing cells become
// float64, dates stay object without parse_dates, and ZIP codes lose their leading zeros. The CSV dialect
// (delimiter and header) is checked against DuckDB's sniff_csv on small files in five dialects.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { sniffDelimiter, sniffHeader, splitRecords } from '../../../src/lib/data/csv-sniff.ts';
import { missingTokens } from '../../../src/lib/data/missing-tokens.ts';
import type { ColumnDateFormat } from '../../../src/lib/data/types.ts';

const DATA = new URL('../../../node_modules/vega-datasets/data/', import.meta.url).pathname;
const FILES = [
  'birdstrikes.csv', 'zipcodes.csv', 'airports.csv', 'seattle-weather.csv', 'stocks.csv', 'us-employment.csv', 'github.csv', 'la-riots.csv',
  'disasters.csv', 'weather.csv', 'gapminder-health-income.csv', 'population_engineers_hurricanes.csv', 'seattle-weather-hourly-normals.csv',
  'iowa-electricity.csv', 'global-temp.csv', 'lookup_groups.csv', 'sp500.csv', 'windvectors.csv',
  'movies.json', 'cars.json', 'flights-2k.json', 'unemployment-across-industries.json', 'penguins.json', 'jobs.json', 'obesity.json',
];

type Kind = 'int' | 'float' | 'text' | 'date' | 'timestamp' | 'bool';

function mlpadKind(type: string): Kind {
  if (type.startsWith('Int')) return 'int';
  if (type.startsWith('Float')) return 'float';
  if (type.startsWith('Date')) return 'date';
  if (type.startsWith('Timestamp')) return 'timestamp';
  if (type === 'Bool') return 'bool';
  return 'text';
}

/** DuckDB's type as a kind; VARCHAR and JSON (mixed values, such as movies' titles that include 1776) are text. */
function duckKind(type: string): Kind {
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(type)) return 'int';
  if (/^(FLOAT|DOUBLE|DECIMAL)/.test(type)) return 'float';
  if (type === 'DATE') return 'date';
  if (type.startsWith('TIMESTAMP')) return 'timestamp';
  if (type === 'BOOLEAN') return 'bool';
  return 'text';
}

/** mlpad's date format as a DuckDB strptime format: 'MMM D YYYY' → '%b %-d %Y'. */
function strptimeFormat(format: string): string {
  const map: Record<string, string> = { YYYY: '%Y', MMM: '%b', MM: '%m', M: '%-m', DD: '%d', D: '%-d', HH: '%H', H: '%-H', mm: '%M', ss: '%S' };
  return format.replace(/YYYY|MMM|MM|M|DD|D|HH|H|mm|ss/g, (t) => map[t]);
}

const reader = (file: string) => `${file.endsWith('.csv') ? 'read_csv_auto' : 'read_json_auto'}('${DATA}${file}')`;

async function duckTypes(c: DuckDBConnection, file: string): Promise<Record<string, string>> {
  const r = await c.runAndReadAll(`DESCRIBE SELECT * FROM ${reader(file)}`);
  return Object.fromEntries(r.getRowObjects().map((o) => [String(o.column_name), String(o.column_type)]));
}

function epochMs(table: Table, column: string): (number | null)[] {
  return [...table.getChild(column)!].map((v) => (v === null ? null : Number(v)));
}

const PYTHON = '/usr/bin/python3';
const hasPandas = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0;
const pandasReason = hasPandas ? '' : ` (skipped: ${PYTHON} with pandas not found; apt-get install python3-pandas)`;

describe('column types against DuckDB and pandas on real files', () => {
  let db: DuckDBInstance;
  let c: DuckDBConnection;
  const loaded = new Map<string, { table: Table; dateFormats: ColumnDateFormat[] }>();
  beforeAll(async () => {
    db = await DuckDBInstance.create(':memory:');
    c = await db.connect();
    for (const f of FILES) loaded.set(f, await loadBytes(f, new Uint8Array(readFileSync(DATA + f))));
  }, 60_000);
  afterAll(() => {
    c?.closeSync();
    db?.closeSync();
  });

  it(`every column of ${FILES.length} files has DuckDB's type, or a better one that DuckDB itself confirms`, async () => {
    const better: string[] = [];
    for (const f of FILES) {
      const { table, dateFormats } = loaded.get(f)!;
      const duck = await duckTypes(c, f);
      expect(Object.keys(duck), f).toEqual(table.schema.fields.map((x) => x.name));
      for (const field of table.schema.fields) {
        const ours = mlpadKind(String(field.type));
        const theirs = duckKind(duck[field.name]);
        if (ours === theirs) continue;
        const where = `${f} "${field.name}": mlpad ${ours}, DuckDB ${duck[field.name]}`;
        if ((ours === 'date' || ours === 'timestamp') && theirs === 'text') {
          // DuckDB's sniffer leaves these as text; its strptime, given the format mlpad found, reads the same instants.
          const format = dateFormats.find((d) => d.column === field.name)?.format;
          expect(format, where).toBeDefined();
          const q = await c.runAndReadAll(`SELECT epoch_ms(strptime(CAST("${field.name}" AS VARCHAR), '${strptimeFormat(format!)}')) AS ms FROM ${reader(f)}`);
          const duckMs = q.getRowObjects().map((o) => (o.ms === null ? null : Number(o.ms)));
          expect(epochMs(table, field.name), where).toEqual(duckMs);
          better.push(`${where} (format ${format})`);
        } else if (ours === 'float' && theirs === 'int') {
          // Int32 cannot hold these; Float64 holds every integer up to 2^53 exactly.
          const q = await c.runAndReadAll(`SELECT max(abs("${field.name}")) AS m FROM ${reader(f)}`);
          expect(Number(q.getRowObjects()[0].m), where).toBeGreaterThan(2 ** 31 - 1);
          better.push(`${where} (beyond 32 bits)`);
        } else {
          throw new Error(`type disagreement: ${where}`);
        }
      }
    }
    // The differences are few and named, so a new one is seen rather than absorbed.
    expect(better.length).toBeLessThanOrEqual(5);
    expect(better.some((b) => b.startsWith('stocks.csv "date"'))).toBe(true);
  }, 60_000);

  it.skipIf(!hasPandas)(`every column's type matches pandas' dtype, with pandas' known losses named${pandasReason}`, () => {
    const run = spawnSync(PYTHON, ['-c', `
import sys, json, pandas as pd
out = {}
for name in json.load(sys.stdin):
    df = pd.read_csv(sys.argv[1] + name, na_values=['None']) if name.endswith('.csv') else pd.read_json(sys.argv[1] + name)
    out[name] = {c: [str(df[c].dtype), int(df[c].isna().sum())] for c in df.columns}
print(json.dumps(out))`, DATA], { input: JSON.stringify(FILES), encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.status !== 0) throw new Error(run.stderr);
    const pandas = JSON.parse(run.stdout) as Record<string, Record<string, [string, number]>>;
    const losses: string[] = [];
    for (const f of FILES) {
      const { table } = loaded.get(f)!;
      for (const field of table.schema.fields) {
        const [dtype, missing] = pandas[f][field.name];
        const ours = mlpadKind(String(field.type));
        const where = `${f} "${field.name}": mlpad ${ours}, pandas ${dtype}`;
        if (dtype === 'int64' && ours === 'int') continue;
        if (dtype === 'float64' && ours === 'float') continue;
        if (dtype === 'bool' && ours === 'bool') continue;
        if (dtype === 'object' && ours === 'text') continue;
        if (dtype.startsWith('datetime64') && (ours === 'date' || ours === 'timestamp')) continue;
        if (dtype === 'float64' && ours === 'int') {
          // pandas has no missing integers by default: a column of whole numbers with gaps becomes float64.
          const nonInteger = [...table.getChild(field.name)!].some((v) => v !== null && !Number.isInteger(v));
          expect(missing > 0 && !nonInteger, where).toBe(true);
          continue;
        }
        if (dtype === 'object' && (ours === 'date' || ours === 'timestamp')) {
          losses.push(`${where} (pandas reads dates only with parse_dates)`);
          continue;
        }
        if (dtype === 'int64' && ours === 'text') {
          // Leading zeros: pandas makes 00501 the integer 501.
          const texts = [...table.getChild(field.name)!].map(String);
          expect(texts.some((t) => /^0\d/.test(t)), where).toBe(true);
          losses.push(`${where} (leading zeros kept)`);
          continue;
        }
        throw new Error(`type disagreement: ${where}`);
      }
    }
    expect(losses.some((l) => l.startsWith('zipcodes.csv "zip_code"'))).toBe(true);
  }, 60_000);

  it('the CSV dialect (delimiter, header) is the one DuckDB\'s sniff_csv finds, on files in five dialects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlpad-dialect-'));
    const files: Record<string, string> = {
      'comma.csv': 'id,name,score\n1,"Smith, John",3.5\n2,Lee,4\n3,Kim,2.5\n',
      'semicolon.csv': 'name;score;city\n"Smith; John";3,5;Paris\nLee;4,0;Rome\nKim;2,5;Oslo\n',
      'tab.tsv': 'a\tb\tc\n1\t2\tx\n3\t4\ty\n5\t6\tz\n',
      'pipe-no-header.csv': '1|2|x\n3|4|y\n5|6|z\n',
      'comma-no-header.csv': '10,0.5,red\n20,1.5,blue\n30,2.5,green\n',
    };
    for (const [name, text] of Object.entries(files)) {
      const path = join(dir, name);
      writeFileSync(path, text);
      const r = await c.runAndReadAll(`SELECT Delimiter AS d, HasHeader AS h FROM sniff_csv('${path}')`);
      const duck = r.getRowObjects()[0];
      const delimiter = sniffDelimiter(text, true);
      const header = sniffHeader(splitRecords(text, delimiter, 50, true), missingTokens());
      expect({ delimiter, header }, name).toEqual({ delimiter: duck.d, header: duck.h });
    }
  }, 60_000);
});
