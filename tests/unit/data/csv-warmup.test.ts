import { describe, expect, it, vi } from 'vitest';
import type { LoadResult } from '../../../src/lib/data/index.ts';
import { warmupCsv, warmUpCsvReader } from '../../../src/lib/data/csv-warmup.ts';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { mulberry32 } from '../../../src/lib/ml/random.ts';
import { pieces, rows, types, utf8 } from './helpers.ts';

type Loader = typeof import('../../../src/lib/data/index.ts');
type Warmer = typeof import('../../../src/lib/data/csv-warmup.ts');

/** Fresh copies of the loader's modules (module state included), as in a newly started worker. */
async function freshRealm(): Promise<{ loader: Loader; warm: Warmer }> {
  vi.resetModules();
  const loader = await import('../../../src/lib/data/index.ts');
  const warm = await import('../../../src/lib/data/csv-warmup.ts');
  return { loader, warm };
}

/** A file unlike the warm-up's: other delimiters, quoted numbers, CRLF, irregular numbers, a numeric NA token, ragged short rows. */
function otherFile(): Uint8Array {
  const r = mulberry32(7);
  const lines = ['k;v;"w";t;z'];
  for (let i = 0; i < 3000; i++) {
    const v = r() < 0.05 ? '-999' : (r() * 1e6 - 5e5).toFixed(i % 7);
    const w = r() < 0.1 ? `"${(r() * 10).toFixed(2)}"` : r() < 0.05 ? '007' : r() < 0.05 ? '1e3' : String(Math.floor(r() * 100));
    const t = r() < 0.2 ? `"a;b ""${i % 5}"""` : `t${i % 13}`;
    lines.push(i % 97 === 0 ? `${i};${v}` : `${i};${v};${w};${t};${r() < 0.5 ? 'true' : 'false'}`);
  }
  return utf8('\uFEFF' + lines.join('\r\n') + '\r\n');
}

/**
 * Everything a load reports, as comparable values: column types, field metadata, null counts and values (not
 * IPC bytes: apache-arrow numbers dictionaries with a counter of its own, which a fresh realm of ours does not reset).
 */
const summary = (r: LoadResult) => ({
  types: types(r.table),
  metadata: r.table.schema.fields.map((f) => [...f.metadata]),
  nulls: r.table.schema.fields.map((f) => r.table.getChild(f.name)!.nullCount),
  rows: rows(r.table),
  warnings: r.warnings, missing: r.missingTokens, dates: r.dateFormats, format: r.format, bytes: r.bytes,
});

describe('warmUpCsvReader', () => {
  it('leaves nothing behind: a warmed realm reads files exactly like a cold one, in one piece and in pieces', async () => {
    const files: [string, Uint8Array, Record<string, unknown>][] = [
      ['bench-like.csv', warmupCsv(2500), {}],
      ['other.csv', otherFile(), { naValues: ['-999'] }],
      ['tiny.csv', utf8('a,b\n1,x\n2.5,"y, z"\n,\n'), {}],
    ];
    const cold = await freshRealm();
    const expected = [];
    for (const [name, bytes, o] of files) {
      expected.push(summary(await cold.loader.loadBytes(name, bytes, o)));
      expected.push(summary(await cold.loader.loadStream(name, pieces(bytes, 1000), bytes.length, o)));
    }
    const warmed = await freshRealm();
    await warmed.warm.warmUpCsvReader(3000);
    const got = [];
    for (const [name, bytes, o] of files) {
      got.push(summary(await warmed.loader.loadBytes(name, bytes, o)));
      got.push(summary(await warmed.loader.loadStream(name, pieces(bytes, 1000), bytes.length, o)));
    }
    expect(got).toEqual(expected);
  });

  it('stops early, without an error, when a real load starts meanwhile; the load reads as it would alone', async () => {
    const bytes = otherFile();
    const alone = summary(await loadBytes('other.csv', bytes));
    const after = vi.fn();
    const warming = warmUpCsvReader(40_000, after);
    const real = loadBytes('other.csv', bytes);
    const [ms, result] = await Promise.all([warming, real]);
    expect(after).not.toHaveBeenCalled();
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(summary(result)).toEqual(alone);
  });

  it('runs to the end and hands over the table when no load comes', async () => {
    const after = vi.fn();
    await warmUpCsvReader(1000, after);
    expect(after).toHaveBeenCalledTimes(1);
    expect(after.mock.calls[0][0].numRows).toBe(1000);
  });
});

describe('the data engine', () => {
  it('warmUp() parses the synthetic CSV and resolves with its milliseconds; a load after it reads as a cold engine\'s does', async () => {
    const { createDataEngine } = await import('../../../src/lib/engine/data-engine.ts');
    const bytes = otherFile();
    const blob = new Blob([bytes as BlobPart]);
    const cold = await createDataEngine({ share: false }).loadBlob(blob, 'other.csv', {});
    const engine = createDataEngine({ share: false });
    expect(await engine.warmUp()).toBeGreaterThan(0);
    const warmed = await engine.loadBlob(blob, 'other.csv', {});
    expect(warmed.rows).toBe(cold.rows);
    expect(warmed.warnings).toEqual(cold.warnings);
    expect(warmed.missingTokens).toEqual(cold.missingTokens);
  });
});

describe('warmupCsv', () => {
  it('warmupCsv(rows) covers integers, decimals, missing tokens, categories, quoted text and dates', async () => {
    const r = await loadBytes('w.csv', warmupCsv(2000));
    expect(r.table.numRows).toBe(2000);
    expect(types(r.table)).toEqual({
      id: 'Int32', count: 'Int32', amount: 'Float64', delta: 'Float64', ratio: 'Float64', reading: 'Float64',
      city: 'Dictionary<Int32, Utf8>', segment: 'Dictionary<Int32, Utf8>', flag: 'Int32', note: 'Dictionary<Int32, Utf8>', day: 'Date64<MILLISECOND>',
    });
    expect(r.missingTokens.map((m) => m.column)).toEqual(['reading']);
    expect(r.table.getChild('note')!.toArray().some((s: string) => s.includes(', "'))).toBe(true);
  });

  it('warmupCsv is the same bytes on every call', () => {
    expect(warmupCsv(300)).toEqual(warmupCsv(300));
  });
});
