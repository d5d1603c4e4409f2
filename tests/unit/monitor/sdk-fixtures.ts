// The SageMaker SDK's example files (tests/fixtures/monitor/README.md) and the table they describe.
import { readFileSync } from 'node:fs';
import { tableFromArrays, type Table } from 'apache-arrow';

const DIR = new URL('../../fixtures/monitor/', import.meta.url);

export function sdkJson<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as T;
}

/** sdk-baseline_dataset.csv as Spark reads a header-less CSV of decimals: float columns _c0, _c1, …. */
export function sdkBaselineTable(): Table {
  const rows = readFileSync(new URL('sdk-baseline_dataset.csv', DIR), 'utf8').trim().split('\n').map((line) => line.split(',').map(Number));
  const columns: Record<string, Float64Array> = {};
  rows[0].forEach((_, j) => {
    columns[`_c${j}`] = Float64Array.from(rows, (row) => row[j]);
  });
  return tableFromArrays(columns);
}

/** The key paths of a JSON value, arrays folded to `[]`: what "same layout" compares. */
export function keyPaths(value: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) {
      out.add(`${path}[]`);
      for (const item of v) walk(item, `${path}[]`);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        out.add(`${path}.${k}`);
        walk(child, `${path}.${k}`);
      }
    }
  };
  walk(value, prefix);
  return out;
}
