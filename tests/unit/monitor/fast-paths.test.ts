import { DateDay, Field, Schema, Table, TimestampMillisecond, TimestampSecond, Utf8, makeData, tableFromIPC, tableToIPC, vectorFromArray, RecordBatch, Struct, type Vector } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { checkData } from '../../../src/lib/monitor/check.ts';
import { isoText } from '../../../src/lib/monitor/column-scan.ts';
import { suggestConstraints } from '../../../src/lib/monitor/constraints.ts';
import { KllSketch, sortFloat64 } from '../../../src/lib/monitor/kll.ts';
import { baselineStatistics, topCounts } from '../../../src/lib/monitor/statistics.ts';
import { mulberry32 as seeded } from '../../../src/lib/ml/random.ts';

// The Model Monitor statistics take shortcuts for speed (bench:monitor): a radix sort in the sketch's
// compactions, values fed to the sketch in blocks, instants counted by their stored bits and formatted only
// when they become buckets, the most frequent values picked without sorting every one. Each must give
// exactly what the plain reading gives.

const scratch = () => ({ keys: new Uint32Array(0), temp: new Uint32Array(0), counts: new Uint32Array(2048) });

describe('sortFloat64 orders as Float64Array.prototype.sort', () => {
  const r = seeded(11);
  const makers: [string, () => number][] = [
    ['uniform in (-1, 1)', () => r() * 2 - 1],
    ['whole numbers around 0', () => Math.round(r() * 200 - 100)],
    ['whole numbers beyond 2^32 apart', () => Math.round((r() - 0.5) * 2 ** 40)],
    ['zeros of both signs, infinities and subnormals', () => [0, -0, Infinity, -Infinity, 5e-324, -5e-324, 1e300][Math.floor(r() * 7)]],
    ['wide magnitudes', () => (r() - 0.5) * 10 ** Math.floor(r() * 30 - 15)],
    ['one value', () => 42],
  ];
  for (const [name, make] of makers) {
    it(name, () => {
      const s = scratch();
      for (const n of [1, 63, 64, 65, 1025, 2050, 4001]) {
        const a = Float64Array.from({ length: n + 3 }, make);
        const want = a.slice();
        want.subarray(0, n).sort();
        sortFloat64(a, n, s);
        // Object.is: -0 must stay before +0, and the cells past n untouched.
        for (let i = 0; i < a.length; i++) if (!Object.is(a[i], want[i])) expect([n, i, a[i]]).toEqual([n, i, want[i]]);
      }
    });
  }
});

describe('KllSketch.updateMany', () => {
  it('equals update() value by value, in blocks of any size', () => {
    const r = seeded(5);
    const values = Float64Array.from({ length: 50_000 }, () => Math.round(r() * 1000) / (r() < 0.5 ? 1 : 7));
    const one = new KllSketch();
    for (const v of values) one.update(v);
    const blocks = new KllSketch();
    for (let i = 0; i < values.length;) {
      const n = 1 + Math.floor(r() * 3000);
      blocks.updateMany(values, i, Math.min(values.length, i + n));
      i += n;
    }
    expect(blocks.toData()).toEqual(one.toData());
    expect(blocks.compactions).toEqual(one.compactions);
  });
});

describe('isoText', () => {
  it('equals toISOString (and its date part) for instants in and out of its fast range', () => {
    const r = seeded(9);
    const days = new Map<number, string>();
    const cases = [0, -0, 1, 999, 86_399_999, 86_400_000, -1, -1.5, 1.5, 0.9999, 253_402_300_799_999, 253_402_300_800_000, -62_135_596_800_000, 1_700_000_000_123.4568];
    for (let i = 0; i < 20_000; i++) cases.push((r() - 0.3) * 4e12 + (i % 3 ? 0 : r()));
    for (const ms of cases) {
      const iso = new Date(ms).toISOString();
      expect(isoText(ms, false, days)).toBe(iso);
      expect(isoText(ms, true, days)).toBe(iso.slice(0, 10));
    }
  });
});

describe('topCounts', () => {
  it('picks what a stable sort by count picks, ties in first-seen order', () => {
    const r = seeded(3);
    for (const [n, limit] of [[10, 20], [500, 37], [5000, 1000], [3, 3]]) {
      const counts = Array.from({ length: n }, () => 1 + Math.floor(r() * 6));
      const want = counts.map((c, i) => i).sort((a, b) => counts[b] - counts[a]).slice(0, limit);
      expect(topCounts(counts, limit)).toEqual(want);
    }
  });
});

/** A one-column table of `type` built from stored values, split into record batches of `sizes`. */
function instantsTable(type: TimestampMillisecond | TimestampSecond | DateDay, stored: (number | null)[], sizes: number[]): Table {
  const batches: RecordBatch[] = [];
  let at = 0;
  for (const size of sizes) {
    const part = stored.slice(at, at + size);
    at += size;
    const bytes = Math.ceil(part.length / 8);
    const nullBitmap = new Uint8Array(bytes);
    part.forEach((v, i) => { if (v !== null) nullBitmap[i >> 3] |= 1 << (i & 7); });
    const data = type instanceof DateDay
      ? makeData({ type, length: part.length, nullCount: part.filter((v) => v === null).length, nullBitmap, data: Int32Array.from(part, (v) => v ?? 0) })
      : makeData({ type, length: part.length, nullCount: part.filter((v) => v === null).length, nullBitmap, data: BigInt64Array.from(part, (v) => BigInt(v ?? 0)) });
    const field = new Field('when', type, true);
    batches.push(new RecordBatch(new Schema([field]), makeData({ type: new Struct([field]), length: part.length, children: [data] })));
  }
  return new Table(batches);
}

/** The same column as text, cell by cell (the reading the instant shortcut must equal). */
function asText(table: Table): Table {
  const col = table.getChild('when') as Vector;
  const unit = table.schema.fields[0].type instanceof DateDay ? 10 : 24;
  const texts = Array.from({ length: col.length }, (_, i) => { const v = col.get(i) as number | null; return v === null ? null : new Date(v).toISOString().slice(0, unit); });
  return new Table({ when: vectorFromArray(texts, new Utf8()) });
}

describe('date and timestamp columns', () => {
  const r = seeded(21);
  const cases: [string, TimestampMillisecond | TimestampSecond | DateDay, () => number][] = [
    ['timestamps in milliseconds', new TimestampMillisecond(), () => 1_600_000_000_000 + Math.floor(r() * 400) * 60_000],
    ['timestamps in seconds', new TimestampSecond(), () => 1_600_000_000 + Math.floor(r() * 300) * 3600],
    ['dates', new DateDay(), () => 18_000 + Math.floor(r() * 150)],
  ];
  for (const [name, type, make] of cases) {
    it(`${name}: the statistics of the text reading, over one batch or several`, () => {
      const stored = Array.from({ length: 3000 }, (_, i) => (i % 13 === 0 ? null : make()));
      const one = instantsTable(type, stored, [3000]);
      const several = instantsTable(type, stored, [700, 1, 1299, 1000]);
      expect(several.batches.length).toBe(4);
      const text = baselineStatistics(asText(one), { maxCategoricalBuckets: 50 });
      expect(baselineStatistics(one, { maxCategoricalBuckets: 50 })).toEqual(text);
      expect(baselineStatistics(several, { maxCategoricalBuckets: 50 })).toEqual(text);
      const feature = text.features[0].string_statistics!;
      expect(feature.common.num_missing).toBe(stored.filter((v) => v === null).length);
      expect(feature.distribution.categorical.buckets).toHaveLength(50);
    });
  }

  it('a date column with a domain still reports instants outside it (its counts are built when the check asks)', () => {
    const base = Array.from({ length: 1000 }, (_, i) => 19_000 + (i % 5));
    const baseline = instantsTable(new DateDay(), base, [1000]);
    const statistics = baselineStatistics(baseline);
    const constraints = suggestConstraints(statistics);
    expect(constraints.features[0].string_constraints?.domains).toHaveLength(5);
    const current = instantsTable(new DateDay(), base.map((d, i) => (i < 7 ? 19_100 : d)), [400, 600]);
    const violations = checkData(statistics, constraints, current).violations.violations;
    const values = violations.find((v) => v.constraint_check_type === 'categorical_values_check');
    expect(values?.description).toContain("'2022-04-18' (7)");
  });

  it('a table read back from IPC gives the same statistics', () => {
    const stored = Array.from({ length: 500 }, () => 1_600_000_000_000 + Math.floor(r() * 50) * 1000);
    const table = instantsTable(new TimestampMillisecond(), stored, [250, 250]);
    expect(baselineStatistics(tableFromIPC(tableToIPC(table)))).toEqual(baselineStatistics(table));
  });
});
