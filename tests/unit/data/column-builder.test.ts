// ColumnBuilder keeps little scratch beside a column (a validity bit per row, one decimal scale per column
// until two differ, int32 numbers until one is not): these tests pin that the columns come out as before.
import { describe, expect, it } from 'vitest';
import { ColumnBuilder } from '../../../src/lib/data/column-builder.ts';
import { fileMissingTokens } from '../../../src/lib/data/missing-tokens.ts';

const csvBuilder = (capacity = 16) => new ColumnBuilder(capacity, fileMissingTokens({}));

/** Feed CSV cell texts through addText, one row each. */
function fromTexts(cells: string[], capacity = 16): ColumnBuilder {
  const b = csvBuilder(capacity);
  cells.forEach((s, row) => b.addText(s, 0, s.length, row));
  return b;
}

function values(b: ColumnBuilder, length: number): { type: string; nullCount: number; values: unknown[] } {
  const data = b.finish(length);
  const out: unknown[] = [];
  const bitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
  const dict = data.dictionary;
  for (let i = 0; i < length; i++) {
    const present = !bitmap || ((bitmap[(data.offset + i) >> 3] >> ((data.offset + i) & 7)) & 1) === 1;
    const v = (data.values as ArrayLike<number>)[i];
    out.push(!present ? null : dict ? dict.get(v) : Object.is(v, -0) ? '-0' : v);
  }
  return { type: String(data.type), nullCount: data.nullCount, values: out };
}

describe('ColumnBuilder', () => {
  it('whole numbers within int32 become an Int32 column, missing cells null', () => {
    expect(values(fromTexts(['1', '', '-7', 'NA', '2147483647']), 5)).toEqual({ type: 'Int32', nullCount: 2, values: [1, null, -7, null, 2147483647] });
  });

  it('whole numbers and then a decimal become Float64 with the earlier numbers intact', () => {
    expect(values(fromTexts(['3', '', '-4', '2.5', '6']), 5)).toEqual({ type: 'Float64', nullCount: 1, values: [3, null, -4, 2.5, 6] });
  });

  it('a number past int32 makes the column Float64 (whole numbers stay exact)', () => {
    expect(values(fromTexts(['1', '3000000000', '-2']), 3)).toEqual({ type: 'Float64', nullCount: 0, values: [1, 3000000000, -2] });
  });

  it('-0 in a Float64 column stays -0; in an Int32 column it is 0, as before', () => {
    expect(values(fromTexts(['-0', '1.5']), 2).values).toEqual(['-0', 1.5]);
    expect(values(fromTexts(['-0', '1']), 2)).toEqual({ type: 'Int32', nullCount: 0, values: [0, 1] });
  });

  it('numbers with one or several decimal scales turned to text keep the text they were written in', () => {
    const same = fromTexts(['1.50', '2.25', '', 'x']);
    expect(values(same, 4).values).toEqual(['1.50', '2.25', null, 'x']);
    const mixed = fromTexts(['7', '1.5', '-2.250', '3e2', ' 4 ', 'word']);
    expect(values(mixed, 6).values).toEqual(['7', '1.5', '-2.250', '3e2', ' 4 ', 'word']);
  });

  it('a row written twice (a record cut by a chunk boundary) keeps its second value, validity included', () => {
    const b = csvBuilder();
    b.addText('5', 0, 1, 0);
    b.addText('', 0, 0, 1); // first read of row 1: cut short, looks empty
    b.setNumber(1, 6.25, 2, false); // read again whole
    b.addText('8', 0, 1, 2);
    b.setNull(2); // and a row read as a value, then found short
    expect(values(b, 3)).toEqual({ type: 'Float64', nullCount: 1, values: [5, 6.25, null] });
  });

  it('grows past its first capacity without losing values, scales or validity', () => {
    const cells = Array.from({ length: 100 }, (_, i) => (i % 9 === 0 ? '' : i % 2 ? (i / 4).toFixed(2) : String(i)));
    cells.push('text');
    const got = values(fromTexts(cells, 16), cells.length).values;
    expect(got).toEqual(cells.map((c) => (c === '' ? null : c)));
  });

  it('typed numbers (JSON) that become text print with String()', () => {
    const b = new ColumnBuilder(4, null);
    b.addNumber(1, 0);
    b.addNumber(2.5, 1);
    b.addString('z', 3);
    expect(values(b, 4).values).toEqual(['1', '2.5', null, 'z']);
  });

  it('rows a typed source never wrote (a key absent from some records) are missing', () => {
    const b = new ColumnBuilder(4, null);
    b.addNumber(1, 2);
    b.addNumber(4, 5);
    expect(values(b, 7)).toEqual({ type: 'Int32', nullCount: 5, values: [null, null, 1, null, null, 4, null] });
  });
});
