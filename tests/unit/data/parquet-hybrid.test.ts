import { describe, expect, it } from 'vitest';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { decodeHybrid } from '../../../src/lib/data/parquet-hybrid.ts';
import { hybrid } from '../../../scripts/fixtures/parquet-writer.ts';

describe('decodeHybrid', () => {
  it('decodeHybrid matches hyparquet on RLE runs and bit-packed groups for every bit width up to 24', () => {
    let seed = 1;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let width = 1; width <= 24; width++) {
      const values = Array.from({ length: 1000 }, (_, i) => (i % 100 < 30 ? 3 % 2 ** width : Math.floor(rnd() * 2 ** width)));
      const bytes = Uint8Array.from(hybrid(values, width));
      const ours = new Int32Array(values.length);
      decodeHybrid(bytes, 0, bytes.length, width, ours, values.length);
      const theirs = new Int32Array(values.length);
      readRleBitPackedHybrid({ view: new DataView(bytes.buffer), offset: 0 }, width, theirs, bytes.length);
      expect(Array.from(ours), `width ${width}`).toEqual(values);
      expect(Array.from(theirs), `width ${width}`).toEqual(values);
    }
  });

  it('decodeHybrid throws when the data ends before the expected count', () => {
    const bytes = Uint8Array.from(hybrid([1, 1, 1, 1, 1, 1, 1, 1, 1], 1));
    expect(() => decodeHybrid(bytes, 0, bytes.length, 1, new Uint8Array(20), 20)).toThrow(/ended after 9 of 20 values/);
  });
});
