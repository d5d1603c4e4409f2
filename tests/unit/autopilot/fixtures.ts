// Shared helpers for the Autopilot tests: tables from CSV text through the real loader, sample files, and a
// seeded random source so generated tables are the same on every run.
import { mulberry32 } from '../../../src/lib/ml/random.ts';
import { readFileSync } from 'node:fs';
import type { Table } from 'apache-arrow';
import { loadBytes } from '../../../src/lib/data/index.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** A table from CSV text, read as the CLI and the studio read files. */
export async function csvTable(text: string): Promise<Table> {
  return (await loadBytes('test.csv', new TextEncoder().encode(text))).table;
}

/** A file of the repository (public/samples/…, node_modules/vega-datasets/data/…) loaded as a table. */
export async function fileTable(path: string): Promise<Table> {
  return (await loadBytes(path.split('/').pop()!, new Uint8Array(readFileSync(ROOT + path)))).table;
}

export const repoPath = (path: string) => ROOT + path;

/** Uniform numbers in [0, 1) from a fixed seed (mulberry32). */
export const seeded = mulberry32;

/** Standard normal draws (Box-Muller) from `random`. */
export function normal(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** CSV text from a header and rows (cells already formatted; '' is a missing cell). */
export function toCsv(header: string[], rows: (string | number)[][]): string {
  return [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}
