// The CSV scanner over UTF-8 bytes: the same records, cells, line numbers and errors as CsvReader's
// scan of decoded text, without decoding the file first. Plain decimals in numeric columns are read from
// their ASCII digits and never become strings; other cells are decoded one by one (see byte-cells.ts)
// and go through the same ColumnBuilder.addText as text cells do.
import { ByteStrings, decodeCell } from './byte-cells.ts';
import type { ColumnBuilder } from './column-builder.ts';
import { POW10 } from './parse-number.ts';
import { DataError } from './types.ts';

const LF = 10;
const CR = 13;

/** The reader's state that a scan reads and advances. */
export interface ByteScanState {
  readonly file: string;
  readonly builders: ColumnBuilder[];
  /** One per column. */
  readonly strings: ByteStrings[];
  /** Delimiter and quote as byte values (both ASCII). */
  readonly delim: number;
  readonly quote: number;
  row: number;
  line: number;
  shortRows: number;
  firstShortLine: number;
  openQuoteLine: number;
  /** Throws the ragged-row error for the record at the start of `text`. */
  ragged(text: string, recLine: number, final: boolean): never;
}

function lineBreaks(b: Uint8Array, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c === LF || (c === CR && b[i + 1] !== LF)) k++;
  }
  return k;
}

/** Set by `quoted`: the field's value and how many line breaks it spans. */
let quoteValue = '';
let quoteLines = 0;

/** Scan a quoted field whose opening quote is at `i`; the index past its closing quote, or -1 if it is cut off. */
function quoted(b: Uint8Array, i: number, final: boolean, quote: number): number {
  const n = b.length;
  let j = i + 1;
  let from = j;
  let value = '';
  for (;;) {
    const q = b.indexOf(quote, j);
    if (q < 0) return -1;
    if (q + 1 < n && b[q + 1] === quote) {
      value += decodeCell(b, from, q + 1);
      j = from = q + 2;
      continue;
    }
    if (q + 1 >= n && !final) return -1;
    value += decodeCell(b, from, q);
    quoteValue = value;
    quoteLines = lineBreaks(b, i, q);
    return q + 1;
  }
}

/** Consume the complete records of `b` from `from`; returns the index of the first unused byte. */
export function scanBytes(st: ByteScanState, b: Uint8Array, from: number, final: boolean): number {
  const n = b.length;
  const d = st.delim;
  const builders = st.builders;
  const strings = st.strings;
  const nc = builders.length;
  const top = Math.max(d, CR);
  const quote = st.quote;
  let i = from;
  let row = st.row;
  let line = st.line;
  outer: while (i < n) {
    const recStart = i;
    const recLine = line;
    let c = b[i];
    if (c === LF || c === CR) {
      if (c === CR && i + 1 >= n && !final) break; // a CR that may be half of a CRLF
      i += c === CR && b[i + 1] === LF ? 2 : 1;
      line++;
      continue;
    }
    let col = 0;
    for (;;) {
      let end: number;
      if (b[i] === quote) {
        const after = quoted(b, i, final, quote);
        if (after < 0) {
          const quoteLine = recLine + lineBreaks(b, recStart, i);
          if (final) throw new DataError('unterminated-quote', st.file, 'a quoted field starts here but its closing quote never comes. Close the quote or double any " inside the value.', { line: quoteLine });
          st.openQuoteLine = quoteLine;
          i = recStart;
          line = recLine;
          break outer;
        }
        let j = after;
        while (j < n) {
          c = b[j];
          if (c === d || c === LF || c === CR) break;
          j++;
        }
        if (j >= n && !final) {
          i = recStart;
          line = recLine;
          break outer;
        }
        // Text between the closing quote and the delimiter is kept, as most readers do.
        const value = j > after ? quoteValue + decodeCell(b, after, j) : quoteValue;
        line += quoteLines;
        if (col >= nc) st.ragged(decodeCell(b, recStart, n), recLine, final);
        builders[col].addText(value, 0, value.length, row);
        end = j;
      } else {
        let j = i;
        // A plain decimal in a numeric column is parsed while it is scanned, in one pass.
        let m = 0;
        let dot = -1;
        let digitsEnd = -1;
        let neg = false;
        const numeric = col < nc && builders[col].numeric;
        if (numeric) {
          if (b[j] === 45) {
            neg = true;
            j++;
          }
          while (j < n) {
            c = b[j];
            const digit = c - 48;
            if (digit >= 0 && digit <= 9) m = m * 10 + digit;
            else if (c === 46 && dot < 0) dot = j;
            else break;
            j++;
          }
          digitsEnd = j;
        }
        while (j < n) {
          c = b[j];
          // Digits, letters, '.' and '-' are all above the delimiter and line breaks: one compare for most bytes.
          if (c <= top && (c === d || c === LF || c === CR)) break;
          j++;
        }
        if (j >= n && !final) {
          i = recStart;
          line = recLine;
          break outer;
        }
        if (col >= nc) st.ragged(decodeCell(b, recStart, n), recLine, final);
        const start = neg ? i + 1 : i;
        const digits = j - start - (dot >= 0 ? 1 : 0);
        if (
          digitsEnd === j && digits > 0 && digits <= 15 && (dot < 0 || (dot > start && dot < j - 1))
          && !((dot < 0 ? j : dot) - start > 1 && b[start] === 48) && !(neg && m === 0)
        ) {
          const scale = dot < 0 ? 0 : j - dot - 1;
          const v = scale === 0 ? m : m / POW10[scale];
          builders[col].setNumber(row, neg ? -v : v, scale, dot < 0);
        } else {
          const cache = strings[col];
          const builder = builders[col];
          const text = cache.get(b, i, j);
          const slot = cache.last;
          // A text cell seen before in this column takes the code it got then, without another lookup.
          if (slot >= 0 && cache.codes[slot] >= 0) builder.addCode(cache.codes[slot], row);
          else {
            builder.addText(text, 0, text.length, row);
            if (slot >= 0) cache.codes[slot] = builder.textCode;
          }
        }
        end = j;
      }
      col++;
      if (end >= n) {
        i = n;
        break;
      }
      c = b[end];
      if (c === d) {
        i = end + 1;
        if (i >= n && !final) {
          i = recStart;
          line = recLine;
          break outer;
        }
        continue;
      }
      if (c === CR) {
        if (end + 1 >= n && !final) {
          i = recStart;
          line = recLine;
          break outer;
        }
        i = end + (b[end + 1] === LF ? 2 : 1);
      } else i = end + 1;
      line++;
      break;
    }
    if (col < nc) {
      if (st.shortRows++ === 0) st.firstShortLine = recLine;
      for (let k = col; k < nc; k++) builders[k].setNull(row);
    }
    row++;
  }
  st.row = row;
  st.line = line;
  return i;
}
