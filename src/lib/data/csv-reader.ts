// Streaming RFC 4180 reader: text arrives in pieces, complete records are scanned with charCodeAt and
// each cell goes straight into its column builder, so the file is never held as one string or as rows.
// A record cut by the end of a piece is carried over and scanned again with the next piece; cells are
// written by row index, so the second scan simply overwrites the first.
// Bytes (pushBytes) are decoded only for sniffing; the records are then scanned as bytes (csv-byte-scan.ts)
// unless the delimiter or quote is not ASCII or the header cannot be located in the bytes.
import type { Table } from 'apache-arrow';
import { ByteStrings } from './byte-cells.ts';
import { ColumnBuilder } from './column-builder.ts';
import { scanBytes, type ByteScanState } from './csv-byte-scan.ts';
import { generatedNames, uniqueColumnNames } from './column-names.ts';
import { sniffDelimiter, sniffHeader, splitRecords } from './csv-sniff.ts';
import { columnMissingTokens, dominantTokenWarning, fileMissingTokens, type MissingTokenOptions, type MissingTokens } from './missing-tokens.ts';
import { tableFromColumns } from './arrow-vectors.ts';
import { POW10 } from './parse-number.ts';
import { DataError, type ColumnDateFormat, type ColumnMissingTokens } from './types.ts';
import { columnDateOrder, dateFormatReport } from './column-date-formats.ts';
import { concatBytes } from './concat-bytes.ts';

const LF = 10;
const CR = 13;
/** Text gathered before sniffing the delimiter and header. */
const SAMPLE_CHARS = 64 * 1024;
/** A record still open after this many characters is a runaway quote, not data. */
const MAX_RECORD_CHARS = 64 * 1024 * 1024;

export interface CsvReaderOptions extends MissingTokenOptions {
  /** Field delimiter; defaults to '\t' for TSV and to sniffing otherwise. */
  delimiter?: string;
  /** Quote character; defaults to `"`. */
  quote?: string;
  /** Whether the first record names the columns; defaults to 'auto' (sniffed). */
  header?: boolean | 'auto';
  /** 'tsv' fixes the delimiter to a tab unless one is given; defaults to 'csv'. */
  format?: 'csv' | 'tsv';
  /** Expected size of the whole text in characters, to size the columns up front; defaults to 0 (grow as needed). */
  sizeHint?: number;
  /** Column name → date format forcing how its dates are read (see LoadOptions.dateFormats); defaults to {}. */
  dateFormats?: Readonly<Record<string, string>>;
  /** Characters gathered before sniffing; defaults to 64 KiB (tests lower it to exercise chunk boundaries). */
  sampleChars?: number;
}

const EMPTY = new Uint8Array(0);

/** CsvReaders created in this realm so far: the warm-up (csv-warmup.ts) stops when a real load starts one. */
let readersCreated = 0;

/** How many CsvReaders this realm has created. */
export function csvReadersCreated(): number {
  return readersCreated;
}

function lineBreaks(s: string, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) k++;
  }
  return k;
}

export class CsvReader {
  private readonly missing: MissingTokens;
  private pending: string[] = [];
  private pendingChars = 0;
  private started = false;
  private delim = 44;
  private readonly quoteChar: string;
  private readonly quoteCode: number;
  /** Whether the delimiter was given rather than sniffed (the ragged-row message differs). */
  private delimGiven = false;
  private hasHeader = false;
  private builders: ColumnBuilder[] = [];
  private names: string[] = [];
  private warnings: string[] = [];
  private row = 0;
  /** Physical line (1-based) of the first character not yet consumed. */
  private line = 1;
  private carry = '';
  private shortRows = 0;
  private firstShortLine = 0;
  private quoteValue = '';
  private quoteLines = 0;
  /** Line of a quote left open at the end of the last piece, or 0. */
  private openQuoteLine = 0;

  private sampleTarget: number;
  /** null: only text was pushed; true: bytes are scanned as bytes; false: bytes are decoded and scanned as text. */
  private bytesMode: boolean | null = null;
  /** Decodes pushed bytes before the start (for sniffing) and all of them when bytesMode is false; drops a leading BOM. */
  private readonly decoder = new TextDecoder('utf-8');
  private pendingBytes: Uint8Array[] = [];
  private pendingByteCount = 0;
  private carryBytes: Uint8Array = EMPTY;
  private scanState: ByteScanState | null = null;

  constructor(private readonly file: string, private readonly options: CsvReaderOptions = {}) {
    readersCreated++;
    this.missing = fileMissingTokens(options);
    this.quoteChar = options.quote ?? '"';
    this.quoteCode = this.quoteChar.charCodeAt(0);
    this.sampleTarget = options.sampleChars ?? SAMPLE_CHARS;
  }

  /** Records read so far. */
  get rows(): number {
    return this.row;
  }

  /** Whether pushed bytes are being scanned as bytes rather than decoded to text first (for tests and benchmarks). */
  get scansBytes(): boolean {
    return this.bytesMode === true;
  }

  push(text: string): void {
    if (text.length === 0) return;
    if (!this.started) {
      this.pending.push(text);
      this.pendingChars += text.length;
      if (this.pendingChars >= this.sampleTarget) {
        this.start(false);
        // No complete record yet (a huge first line): wait for twice as much before trying again.
        if (!this.started) this.sampleTarget = this.pendingChars * 2;
      }
      return;
    }
    this.pending.push(text);
    this.pendingChars += text.length;
    // Retry a carried record only once as much new text as it holds has arrived: a huge quoted field
    // is then rescanned a logarithmic number of times, not once per piece.
    if (this.pendingChars < this.carry.length) return;
    this.feed(false);
  }

  /**
   * Push the next bytes of a UTF-8 file (use either push or pushBytes for one file, not both). A leading
   * BOM is dropped; malformed sequences read as U+FFFD, as with TextDecoder. The reader keeps a reference to
   * `bytes` until it has scanned them: pass a fresh buffer each time.
   */
  pushBytes(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.bytesMode === false) {
      this.push(this.decoder.decode(bytes, { stream: true }));
      return;
    }
    this.bytesMode = true;
    this.pendingBytes.push(bytes);
    this.pendingByteCount += bytes.length;
    if (!this.started) {
      this.push(this.decoder.decode(bytes, { stream: true }));
      return;
    }
    if (this.pendingByteCount < this.carryBytes.length) return;
    this.feedBytes(false);
  }

  finish(): { table: Table; warnings: string[]; missingTokens: ColumnMissingTokens[]; dateFormats: ColumnDateFormat[] } {
    if (this.bytesMode === false || (this.bytesMode && !this.started)) this.push(this.decoder.decode());
    if (!this.started) this.start(true);
    else if (this.bytesMode) this.feedBytes(true);
    else this.feed(true);
    if (this.shortRows > 0) {
      const n = this.shortRows;
      this.warnings.push(`${n} ${n === 1 ? 'row' : 'rows'} had fewer than ${this.builders.length} fields and ${n === 1 ? 'was' : 'were'} padded with missing values; first at line ${this.firstShortLine}.`);
    }
    const missing: ColumnMissingTokens[] = [];
    this.builders.forEach((b, j) => {
      const report = b.missingTokens(this.names[j], this.row);
      if (!report) return;
      missing.push(report);
      for (const t of report.tokens) if (t.dominant) this.warnings.push(dominantTokenWarning(report.column, t.token, t.count, this.row));
    });
    const data = this.builders.map((b) => b.finish(this.row));
    const dates = dateFormatReport(this.builders, this.names, this.options.dateFormats);
    this.warnings.push(...dates.warnings);
    const columns = data.map((d, j) => ({ name: this.names[j], data: d, metadata: dates.metadata[j] }));
    return { table: tableFromColumns(columns, this.row), warnings: this.warnings, missingTokens: missing, dateFormats: dates.formats };
  }

  private start(final: boolean): void {
    const text = this.pending.join('');
    const o = this.options;
    this.delimGiven = o.delimiter !== undefined || o.format === 'tsv';
    const delimiter = o.delimiter ?? (o.format === 'tsv' ? '\t' : sniffDelimiter(text, final, this.quoteChar));
    const records = splitRecords(text, delimiter, 50, final, this.quoteChar);
    if (records.length === 0 && !final) return; // the first record is longer than the sample: wait
    this.started = true;
    this.delim = delimiter.charCodeAt(0);
    const header = o.header === undefined || o.header === 'auto' ? sniffHeader(records, this.missing) : o.header;
    let offset = 0;
    this.hasHeader = header && records.length > 0;
    if (header && records.length > 0) {
      const named = uniqueColumnNames(records[0].fields);
      this.names = named.names;
      this.warnings.push(...named.warnings);
      offset = records[0].end;
      this.line = 1 + lineBreaks(text, 0, offset);
    } else {
      this.names = generatedNames(Math.max(1, ...records.map((r) => r.fields.length)));
    }
    const perRow = records.length > 1 ? (records[records.length - 1].end - records[0].end) / (records.length - 1) : 64;
    const hint = Math.min(1 << 26, Math.ceil(((o.sizeHint ?? 0) / Math.max(1, perRow)) * 1.05) + 16);
    this.builders = this.names.map((name) => new ColumnBuilder(hint, columnMissingTokens(o, name, this.missing), columnDateOrder(o.dateFormats, name)));
    if (this.bytesMode) {
      const all = concatBytes(this.pendingBytes, this.pendingByteCount);
      const at = this.byteOffset(all, text, offset);
      if (at >= 0) {
        this.pendingBytes = [all.subarray(at)];
        this.pendingByteCount = all.length - at;
        this.pending = [];
        this.pendingChars = 0;
        this.feedBytes(final);
        return;
      }
      this.bytesMode = false;
      this.pendingBytes = [];
      this.pendingByteCount = 0;
    }
    this.pending = [text.slice(offset)];
    this.pendingChars = text.length - offset;
    this.feed(final);
  }

  /**
   * Where in the file's bytes `all` the records start (past the BOM and the header, which ends at
   * `offset` in the decoded `text`), or -1 when the bytes cannot be scanned as bytes.
   */
  private byteOffset(all: Uint8Array, text: string, offset: number): number {
    if (this.delim >= 128 || this.quoteCode >= 128) return -1;
    const bom = all.length >= 3 && all[0] === 0xef && all[1] === 0xbb && all[2] === 0xbf ? 3 : 0;
    if (offset === 0) return bom;
    const head = text.slice(0, offset);
    // A malformed byte sequence decodes to U+FFFD, whose UTF-8 length differs: the offset is then unknown.
    if (head.includes('\uFFFD')) return -1;
    return bom + new TextEncoder().encode(head).length;
  }

  private byteState(): ByteScanState {
    if (this.scanState === null) {
      this.scanState = {
        file: this.file, builders: this.builders, strings: this.builders.map(() => new ByteStrings()), delim: this.delim, quote: this.quoteCode,
        row: 0, line: 0, shortRows: 0, firstShortLine: 0, openQuoteLine: 0,
        ragged: (text, recLine, final) => this.ragged(text, 0, recLine, final),
      };
    }
    const st = this.scanState;
    st.row = this.row;
    st.line = this.line;
    st.shortRows = this.shortRows;
    st.firstShortLine = this.firstShortLine;
    st.openQuoteLine = 0;
    return st;
  }

  private scan(b: Uint8Array, from: number, final: boolean): number {
    const st = this.byteState();
    try {
      return scanBytes(st, b, from, final);
    } finally {
      this.row = st.row;
      this.line = st.line;
      this.shortRows = st.shortRows;
      this.firstShortLine = st.firstShortLine;
      if (st.openQuoteLine) this.openQuoteLine = st.openQuoteLine;
    }
  }

  /** feed() for bytes: scan the pending bytes after what is carried over. */
  private feedBytes(final: boolean): void {
    let b = concatBytes(this.pendingBytes, this.pendingByteCount);
    this.pendingBytes = [];
    this.pendingByteCount = 0;
    this.openQuoteLine = 0;
    let from = 0;
    const carry = this.carryBytes;
    if (carry.length > 0) {
      // Finish the carried record on a small buffer of its own rather than copying the whole piece behind it.
      const nl = b.indexOf(LF);
      const used = nl >= 0 ? this.scan(concatBytes([carry, b.subarray(0, nl + 1)], carry.length + nl + 1), 0, false) : 0;
      // A record that completes in the head always ends past the carried bytes, so `used` maps into `b`.
      if (used > 0) from = used - carry.length;
      else b = concatBytes([carry, b], carry.length + b.length);
      this.carryBytes = EMPTY;
    }
    const used = this.scan(b, from, final);
    // A copy: the caller may reuse its buffer.
    this.carryBytes = used < b.length ? b.slice(used) : EMPTY;
    if (this.carryBytes.length > MAX_RECORD_CHARS) {
      if (this.openQuoteLine) throw new DataError('unterminated-quote', this.file, 'a quoted field opened here is still open 64 MB later; check for a stray " character.', { line: this.openQuoteLine });
      throw new DataError('too-large', this.file, 'this line is longer than 64 MB; is the file really a delimited text file?', { line: this.line });
    }
  }

  private feed(final: boolean): void {
    let text = this.pending.length === 1 ? this.pending[0] : this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    this.openQuoteLine = 0;
    let from = 0;
    if (this.carry) {
      // Finish the carried record on a small string of its own: `carry + text` would be a V8 cons
      // string, and charCodeAt on one is several times slower than on the flat text.
      const nl = text.indexOf('\n');
      const head = nl >= 0 ? this.carry + text.slice(0, nl + 1) : '';
      const used = head ? this.parse(head, 0, false) : 0;
      // A record that completes in `head` always ends past the carried text, so `used` maps into `text`.
      if (used > 0) from = used - this.carry.length;
      else text = this.carry + text;
      this.carry = '';
    }
    const used = this.parse(text, from, final);
    this.carry = used < text.length ? text.slice(used) : '';
    if (this.carry.length > MAX_RECORD_CHARS) {
      if (this.openQuoteLine) throw new DataError('unterminated-quote', this.file, 'a quoted field opened here is still open 64 MB later; check for a stray " character.', { line: this.openQuoteLine });
      throw new DataError('too-large', this.file, 'this line is longer than 64 MB; is the file really a delimited text file?', { line: this.line });
    }
  }

  /** Scan a quoted field whose opening quote is at `i`; the index past its closing quote, or -1 if it is cut off. */
  private quoted(s: string, i: number, final: boolean): number {
    const n = s.length;
    let j = i + 1;
    let from = j;
    let value = '';
    for (;;) {
      const q = s.indexOf(this.quoteChar, j);
      if (q < 0) return -1;
      if (q + 1 < n && s.charCodeAt(q + 1) === this.quoteCode) {
        value += s.slice(from, q + 1);
        j = from = q + 2;
        continue;
      }
      if (q + 1 >= n && !final) return -1;
      value += s.slice(from, q);
      this.quoteValue = value;
      this.quoteLines = value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 ? lineBreaks(s, i, q) : 0;
      return q + 1;
    }
  }

  private ragged(s: string, recStart: number, recLine: number, final: boolean): never {
    const delim = String.fromCharCode(this.delim);
    const fields = splitRecords(s.slice(recStart), delim, 1, true, this.quoteChar)[0]?.fields.length ?? 0;
    const more = final ? '' : ' at least';
    // Without a header the column count is the widest of the sniffed rows.
    const first = this.hasHeader ? 'the header row has' : 'the first rows have';
    const shown = delim === '\t' ? 'tab' : JSON.stringify(delim);
    const how = this.delimGiven
      ? `The delimiter is ${shown}, as set; check for a value that contains it but is not quoted with ${this.quoteChar}, or set another delimiter.`
      : `The delimiter ${shown} was guessed from the first rows; if that is wrong, set the delimiter (--delimiter in the CLI), else check for a value that contains it but is not quoted with ${this.quoteChar}.`;
    throw new DataError('ragged', this.file, `this row has${more} ${fields} fields but ${first} ${this.builders.length}. ${how}`, { line: recLine });
  }

  /** Consume the complete records of `s` from `from`; returns the index of the first unused character. */
  private parse(s: string, from: number, final: boolean): number {
    const n = s.length;
    const d = this.delim;
    const builders = this.builders;
    const nc = builders.length;
    const top = Math.max(d, CR);
    const quote = this.quoteCode;
    let i = from;
    let row = this.row;
    let line = this.line;
    outer: while (i < n) {
      const recStart = i;
      const recLine = line;
      let c = s.charCodeAt(i);
      if (c === LF || c === CR) {
        if (c === CR && i + 1 >= n && !final) break; // a CR that may be half of a CRLF
        i += c === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        continue;
      }
      let col = 0;
      for (;;) {
        let end: number;
        if (s.charCodeAt(i) === quote) {
          const after = this.quoted(s, i, final);
          if (after < 0) {
            const quoteLine = recLine + lineBreaks(s, recStart, i);
            if (final) throw new DataError('unterminated-quote', this.file, 'a quoted field starts here but its closing quote never comes. Close the quote or double any " inside the value.', { line: quoteLine });
            this.openQuoteLine = quoteLine;
            i = recStart;
            line = recLine;
            break outer;
          }
          let j = after;
          while (j < n) {
            c = s.charCodeAt(j);
            if (c === d || c === LF || c === CR) break;
            j++;
          }
          if (j >= n && !final) {
            i = recStart;
            line = recLine;
            break outer;
          }
          // Text between the closing quote and the delimiter is kept, as most readers do.
          const value = j > after ? this.quoteValue + s.slice(after, j) : this.quoteValue;
          line += this.quoteLines;
          if (col >= nc) this.ragged(s, recStart, recLine, final);
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
            if (s.charCodeAt(j) === 45) {
              neg = true;
              j++;
            }
            while (j < n) {
              c = s.charCodeAt(j);
              const digit = c - 48;
              if (digit >= 0 && digit <= 9) m = m * 10 + digit;
              else if (c === 46 && dot < 0) dot = j;
              else break;
              j++;
            }
            digitsEnd = j;
          }
          while (j < n) {
            c = s.charCodeAt(j);
            // Digits, letters, '.' and '-' are all above the delimiter and line breaks: one compare for most characters.
            if (c <= top && (c === d || c === LF || c === CR)) break;
            j++;
          }
          if (j >= n && !final) {
            i = recStart;
            line = recLine;
            break outer;
          }
          if (col >= nc) this.ragged(s, recStart, recLine, final);
          const start = neg ? i + 1 : i;
          const digits = j - start - (dot >= 0 ? 1 : 0);
          if (
            digitsEnd === j && digits > 0 && digits <= 15 && (dot < 0 || (dot > start && dot < j - 1))
            && !((dot < 0 ? j : dot) - start > 1 && s.charCodeAt(start) === 48) && !(neg && m === 0)
          ) {
            const scale = dot < 0 ? 0 : j - dot - 1;
            const v = scale === 0 ? m : m / POW10[scale];
            builders[col].setNumber(row, neg ? -v : v, scale, dot < 0);
          } else builders[col].addText(s, i, j, row);
          end = j;
        }
        col++;
        if (end >= n) {
          i = n;
          break;
        }
        c = s.charCodeAt(end);
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
          i = end + (s.charCodeAt(end + 1) === LF ? 2 : 1);
        } else i = end + 1;
        line++;
        break;
      }
      if (col < nc) {
        if (this.shortRows++ === 0) this.firstShortLine = recLine;
        for (let k = col; k < nc; k++) builders[k].setNull(row);
      }
      row++;
    }
    this.row = row;
    this.line = line;
    return i;
  }
}
