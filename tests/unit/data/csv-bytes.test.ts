import { describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import { CsvReader, type CsvReaderOptions } from '../../../src/lib/data/csv-reader.ts';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { ByteStrings, decodeCell } from '../../../src/lib/data/byte-cells.ts';
import { utf8 } from './helpers.ts';
import { mulberry32 } from '../../../src/lib/ml/random.ts';

/** Seeded PRNG: the same files on every run. */
const rng = mulberry32;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const digits = (r: () => number, n: number) => Array.from({ length: n }, () => String(Math.floor(r() * 10))).join('');

/** A number-like cell of one of many shapes, most of them plain decimals. */
function numberCell(r: () => number): string {
  const sign = r() < 0.3 ? '-' : '';
  const x = r();
  if (x < 0.35) return sign + String(Math.floor(r() * 10 ** (1 + Math.floor(r() * 9))));
  if (x < 0.7) return sign + String(Math.floor(r() * 100000)) + '.' + digits(r, 1 + Math.floor(r() * 8));
  return pick(r, [
    sign + digits(r, 16 + Math.floor(r() * 6)), // beyond 15 digits: Number(text)
    sign + '1' + digits(r, 8) + '.' + digits(r, 9), // 18 digits
    sign + digits(r, 2) + 'e' + pick(r, ['', '+', '-']) + digits(r, 1 + Math.floor(r() * 2)),
    '0x1A', 'inf', '-inf', 'Infinity', 'NaN', '+5', '007', '0', '-0', '-0.0', '0.000', '.5', '5.', '1.2.3', '-', '.', '--1',
    ' 42 ', '\t3.5', '9007199254740993', '123456789012345', '0.1', '999999999999999.9', '2147483648', '-2147483649',
    '1 5', '1_000', '١٢', '٣.5',
  ]);
}

function quoteCell(v: string): string {
  return '"' + v.replaceAll('"', '""') + '"';
}

/** A text cell: plain words, missing tokens, non-ASCII, or quoted with delimiters, quotes and line breaks. */
function textCell(r: () => number, delim: string): string {
  const x = r();
  if (x < 0.35) return pick(r, ['Chicago', 'Boston', 'seg_1', 'seg_22', 'a', 'B', 'true', 'false', 'x y']);
  if (x < 0.5) return pick(r, ['NA', 'N/A', 'null', '', ' ', 'None', '#N/A', '<NA>', 'nan', '-1.#IND']);
  if (x < 0.6) return pick(r, ['é', 'Zürich', '😀', '\uFEFFbom', 'naïve café', 'Ω≈ç', 'ﬁ']);
  if (x < 0.7) return pick(r, ['2024-01-15', '2023-12-31 10:00:00', '01/02/2024']);
  const inner = pick(r, ['a' + delim + 'b', 'say "hi"', 'line1\nline2', 'line1\r\nline2', 'cr\ronly', '', '""', 'é' + delim + '😀', ' padded ', '12']);
  const q = quoteCell(inner);
  return r() < 0.1 ? q + 'tail' : q;
}

type Kind = 'number' | 'mostly-number' | 'text' | 'mixed';

/** A random CSV as text, with its options, from `seed`. */
function randomCsv(seed: number): { text: string; options: CsvReaderOptions } {
  const r = rng(seed);
  const delim = pick(r, [',', ',', ',', ';', '\t', '|']);
  const eol = pick(r, ['\n', '\n', '\r\n', '\r']);
  const ncol = 1 + Math.floor(r() * 6);
  const kinds: Kind[] = Array.from({ length: ncol }, () => pick(r, ['number', 'number', 'mostly-number', 'text', 'mixed'] as const));
  const nrow = Math.floor(r() * 200);
  const lines: string[] = [];
  const header = r() < 0.8;
  if (header) lines.push(kinds.map((k, j) => (r() < 0.1 ? quoteCell(`col ${j}${delim}x`) : `${k}_${j}`)).join(delim));
  for (let i = 0; i < nrow; i++) {
    const cells = kinds.map((k) => {
      const x = r();
      if (k === 'number') return x < 0.97 ? numberCell(r) : pick(r, ['', 'NA']);
      if (k === 'mostly-number') return x < 0.9 ? numberCell(r) : textCell(r, delim);
      if (k === 'text') return textCell(r, delim);
      return x < 0.5 ? numberCell(r) : textCell(r, delim);
    });
    // Short rows (padded with missing values) and, rarely, blank lines.
    if (r() < 0.02 && cells.length > 1) cells.pop();
    lines.push(cells.join(delim));
    if (r() < 0.02) lines.push('');
  }
  let text = lines.join(eol);
  if (r() < 0.7) text += eol;
  if (r() < 0.2) text = '\uFEFF' + text;
  const options: CsvReaderOptions = { sampleChars: pick(r, [16, 64, 1024, 65536]) };
  if (r() < 0.3) options.delimiter = delim;
  if (r() < 0.2) options.naValues = ['-999', 'missing'];
  return { text, options };
}

/** Every column's name, type and values, with numbers written so that distinct doubles (and -0) differ. */
function snapshot(t: Table): unknown {
  return t.schema.fields.map((f, j) => {
    const col = t.getChildAt(j)!;
    const values = Array.from({ length: t.numRows }, (_, i) => {
      const v = col.get(i);
      if (typeof v === 'number') return Object.is(v, -0) ? '-0' : `n:${v}`;
      if (typeof v === 'bigint') return `b:${v}`;
      return v;
    });
    return { name: f.name, type: String(f.type), values };
  });
}

type Outcome = { ok: true; table: unknown; warnings: string[]; missing: unknown; dates: unknown } | { ok: false; error: string };

function outcome(read: () => ReturnType<CsvReader['finish']>): Outcome {
  try {
    const r = read();
    return { ok: true, table: snapshot(r.table), warnings: r.warnings, missing: r.missingTokens, dates: r.dateFormats };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** The text path, as the loader took it before: each piece decoded (streaming), then scanned as text. */
function viaText(bytes: Uint8Array, options: CsvReaderOptions, cuts: number[] = []): Outcome {
  return outcome(() => {
    const reader = new CsvReader('random.csv', options);
    const decoder = new TextDecoder('utf-8');
    let at = 0;
    for (const c of [...cuts, bytes.length]) {
      reader.push(decoder.decode(bytes.subarray(at, c), { stream: true }));
      at = c;
    }
    reader.push(decoder.decode());
    return reader.finish();
  });
}

/** The byte path, with the bytes cut into pieces at the given offsets. */
function viaBytes(bytes: Uint8Array, options: CsvReaderOptions, cuts: number[], used?: { bytes: boolean }): Outcome {
  return outcome(() => {
    const reader = new CsvReader('random.csv', options);
    let at = 0;
    for (const c of [...cuts, bytes.length]) {
      reader.pushBytes(bytes.subarray(at, c));
      at = c;
    }
    const result = reader.finish();
    if (used) used.bytes = reader.scansBytes;
    return result;
  });
}

function randomCuts(r: () => number, n: number): number[] {
  const k = Math.floor(r() * 6);
  return Array.from({ length: k }, () => Math.floor(r() * n)).sort((a, b) => a - b);
}

describe('CSV read from bytes', () => {
  it('300 random CSVs (numbers of many shapes, quoted text with delimiters, quotes and line breaks, missing tokens, CRLF/CR, BOM, non-ASCII) read from bytes in random pieces equal the text path exactly', () => {
    let scanned = 0;
    let failed = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { text, options } = randomCsv(seed);
      const bytes = utf8(text);
      const r = rng(seed * 7919);
      for (let trial = 0; trial < 3; trial++) {
        const used = { bytes: false };
        // The sniffed delimiter and header depend on how much text came before the first records: both paths get the same pieces.
        const cuts = trial === 0 ? [] : randomCuts(r, bytes.length);
        const expected = viaText(bytes, options, cuts);
        if (!expected.ok) failed++;
        const got = viaBytes(bytes, options, cuts, used);
        expect(got, `seed ${seed}, trial ${trial}`).toEqual(expected);
        if (used.bytes) scanned++;
      }
    }
    // Every file read without an error took the byte scan; some end in errors (a ragged row when the delimiter is guessed wrong).
    expect(failed).toBeLessThan(300);
    expect(scanned).toBe(900 - failed);
  });

  it('malformed UTF-8 and cells cut between the bytes of one character read as the text path reads them (U+FFFD)', () => {
    const parts = [utf8('id,name,v\n1,'), new Uint8Array([0xc3]), utf8(',2.5\n2,ok'), new Uint8Array([0xe2, 0x82]), utf8(',3\n3,"q'), new Uint8Array([0xff]), utf8('",4\n4,é,5\n')];
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    const expected = viaText(bytes, { sampleChars: 8 });
    expect(expected.ok).toBe(true);
    for (let cut = 1; cut < bytes.length; cut++) expect(viaBytes(bytes, { sampleChars: 8 }, [cut]), `cut at ${cut}`).toEqual(viaText(bytes, { sampleChars: 8 }, [cut]));
  });

  it('a non-ASCII delimiter, or a header with malformed UTF-8, falls back to decoding the bytes, with the same table', () => {
    const cases: [Uint8Array, CsvReaderOptions][] = [
      [utf8('a§b\n1§é\n2§x\n'), { delimiter: '§', sampleChars: 4 }],
      [new Uint8Array([...utf8('a,b'), 0xff, ...utf8('\n1,2\n3,4\n')]), { sampleChars: 4 }],
    ];
    for (const [bytes, options] of cases) {
      for (let cut = 0; cut < bytes.length; cut++) {
        const used = { bytes: true };
        const expected = viaText(bytes, options, [cut]);
        expect(expected.ok).toBe(true);
        expect(viaBytes(bytes, options, [cut], used), `cut at ${cut}`).toEqual(expected);
        expect(used.bytes).toBe(false);
      }
    }
  });

  it('errors keep their messages and line numbers: unterminated quote, ragged row', () => {
    for (const text of ['a,b\n1,2\n3,"open\n4,5\n', 'a,b\n1,2\n3,4,5\n', 'a,b\r\n1,"x\r\ny"\r\n3,4,5\r\n']) {
      const bytes = utf8(text);
      const expected = viaText(bytes, { sampleChars: 4 });
      expect(expected.ok).toBe(false);
      for (let cut = 0; cut < bytes.length; cut += 3) expect(viaBytes(bytes, { sampleChars: 4 }, [cut])).toEqual(viaText(bytes, { sampleChars: 4 }, [cut]));
    }
  });

  it('a numeric file is scanned as bytes through loadBytes, and its doubles equal Number(text) bit for bit', async () => {
    const r = rng(42);
    const cells = Array.from({ length: 5000 }, () => numberCell(r).trim()).filter((c) => /^-?\d{1,15}(\.\d+)?$/.test(c) && !/^-?0\d/.test(c));
    const text = 'x\n' + cells.join('\n') + '\n';
    const { table } = await loadBytes('n.csv', utf8(text));
    const col = table.getChild('x')!;
    for (let i = 0; i < cells.length; i++) expect(Object.is(col.get(i), Number(cells[i])) || (Number(cells[i]) === 0 && col.get(i) === 0), cells[i]).toBe(true);
  });
});

describe('byte cells', () => {
  it('ByteStrings gives the decoded text of repeated, long and non-ASCII cells', () => {
    const s = new ByteStrings();
    const words = ['Chicago', 'seg_1', 'é', '', 'x'.repeat(100), 'Chicago', 'a\uFEFFb'];
    for (let round = 0; round < 2; round++) {
      for (const w of words) {
        const b = utf8(`,${w},`);
        expect(s.get(b, 1, b.length - 1)).toBe(w);
      }
    }
    expect(decodeCell(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), 0, 4)).toBe('\uFEFFA');
    // Past its growth limit (4096 slots, half of them used) the table still gives every cell its text.
    const many = Array.from({ length: 5000 }, (_, i) => `v${i}`);
    for (let round = 0; round < 2; round++) for (const w of many) expect(s.get(utf8(w), 0, w.length)).toBe(w);
  });
});
