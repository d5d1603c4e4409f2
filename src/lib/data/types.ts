import type { Table } from 'apache-arrow';

/** File formats the loader reads. */
export type DataFormat = 'csv' | 'tsv' | 'parquet' | 'arrow' | 'json' | 'jsonl';

/** What a column means to a modeller, inferred from its values and overridable by the user. */
export type SemanticType = 'integer' | 'float' | 'boolean' | 'categorical' | 'datetime' | 'text' | 'id';

export const SEMANTIC_TYPES: readonly SemanticType[] = ['integer', 'float', 'boolean', 'categorical', 'datetime', 'text', 'id'];

/** Options for reading a file; every field is optional and sniffed when absent. */
export interface LoadOptions {
  /** Force a format instead of detecting it from the name and magic bytes; defaults to detection. */
  format?: DataFormat;
  /** CSV field delimiter; defaults to sniffing among `,` `\t` `;` `|`. */
  delimiter?: string;
  /** CSV quote character; defaults to `"`. */
  quote?: string;
  /** Whether the first CSV row is a header; defaults to 'auto' (sniffed). */
  header?: boolean | 'auto';
  /** Cell texts read as missing in every column, added to the defaults unless `defaultNa` is false (as pandas' na_values); defaults to none. */
  naValues?: readonly string[];
  /** Whether DEFAULT_MISSING_TOKENS are read as missing; defaults to true. An empty cell is missing either way. */
  defaultNa?: boolean;
  /** Column name → the whole list of texts read as missing in that column, replacing the file's list ([] keeps every text); defaults to {}. */
  naValuesByColumn?: Readonly<Record<string, readonly string[]>>;
  /**
   * Column name → the date format its text is read in, overriding detection, e.g. { when: 'DD/MM/YYYY' }
   * to read 03/04/2024 as 3 April. Only the order of the day, month (MM or MMM) and year fields matters;
   * a column whose values do not all fit stays text, with a warning. 'text' keeps a date-shaped column as
   * text (codes such as 2019-01). Defaults to {} (detected per column).
   */
  dateFormats?: Readonly<Record<string, string>>;
  /** Refuse files larger than this many bytes with a clear error; defaults to MAX_FILE_BYTES. */
  maxBytes?: number;
}

/**
 * Cell texts that mean "no value" (compared after trimming): pandas' read_csv default na_values
 * (pandas._libs.parsers.STR_NA_VALUES). A token that fills most of a column is reported, since there it
 * is more likely a value ("None" meaning no damage) than a gap.
 */
export const DEFAULT_MISSING_TOKENS: readonly string[] = [
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
];

/** A token's share of a column's non-empty cells above which reading it as missing is flagged. */
export const DOMINANT_TOKEN_SHARE = 0.5;

/** How often one token was read as missing in one column. */
export interface MissingTokenCount {
  token: string;
  count: number;
  /** Whether it is more than DOMINANT_TOKEN_SHARE of the column's non-empty cells (and so is likely a value). */
  dominant: boolean;
}

/** The cells of one column read as missing, by what they said. */
export interface ColumnMissingTokens {
  column: string;
  /** Empty (or all-blank) cells. */
  empty: number;
  /** Tokens that occurred, most frequent first. */
  tokens: MissingTokenCount[];
}

/** How one text column of dates was read (CSV, TSV, JSON, and text columns of Arrow and Parquet files). */
export interface ColumnDateFormat {
  column: string;
  /** The format, e.g. 'YYYY-MM-DD', 'MM/DD/YYYY', 'MMM D YYYY', 'YYYY/MM/DD HH:mm:ss'; 'text' when LoadOptions.dateFormats kept the column as text. */
  format: string;
  /** Set when every value fits both day-first and month-first, so month first (as pandas) was a guess. */
  ambiguous?: true;
  /** Set when the format came from LoadOptions.dateFormats rather than detection. */
  given?: true;
}

/** Arrow field metadata key that carries a column's ColumnDateFormat (as JSON) with the table's IPC bytes. */
export const DATE_FORMAT_METADATA_KEY = 'mlpad:date-format';

/** Largest file the tab will try to hold; about 1.5 GiB, below V8's 2 GiB ArrayBuffer cap with room to parse. */
export const MAX_FILE_BYTES = 1.5 * 1024 ** 3;

/** Progress of a load, reported at most a few times a second. */
export interface LoadProgress {
  /** Bytes consumed so far. */
  bytesRead: number;
  /** Total bytes when known (0 when the size is unknown, e.g. a stream without Content-Length). */
  totalBytes: number;
  /** Rows parsed so far. */
  rows: number;
  /** What the loader is doing, e.g. 'reading', 'parsing', 'decoding row group 3/12'. */
  phase: string;
}

export type ProgressCallback = (p: LoadProgress) => void;

/** A table read from a file, with what the reader had to say about it. */
export interface LoadResult {
  table: Table;
  format: DataFormat;
  /** Non-fatal notes for the user, e.g. renamed duplicate columns or rows padded with missing cells. */
  warnings: string[];
  /** Size of the input in bytes. */
  bytes: number;
  /** Per column with any, the cells read as missing by their text (CSV and TSV; other formats carry typed nulls); defaults to []. */
  missingTokens: ColumnMissingTokens[];
  /** Per text column read as dates, the format found (or given); defaults to []. Also in each field's metadata. */
  dateFormats: ColumnDateFormat[];
}

/**
 * An error the user can fix: it names the file and, where it applies, the line and column.
 * `message` is a complete sentence that is safe to show as text (never as HTML).
 */
export class DataError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly column?: string | number;
  readonly code: DataErrorCode;
  constructor(code: DataErrorCode, file: string, detail: string, where: { line?: number; column?: string | number } = {}) {
    const loc = [where.line !== undefined ? `line ${where.line}` : '', where.column !== undefined ? `column ${typeof where.column === 'number' ? where.column : JSON.stringify(where.column)}` : '']
      .filter(Boolean)
      .join(', ');
    super(`${file}${loc ? ` (${loc})` : ''}: ${detail}`);
    this.name = 'DataError';
    this.file = file;
    this.line = where.line;
    this.column = where.column;
    this.code = code;
  }
}

export type DataErrorCode =
  | 'empty'
  | 'binary'
  | 'ragged'
  | 'unterminated-quote'
  | 'unsupported-codec'
  | 'unsupported-format'
  | 'too-large'
  | 'invalid-json'
  | 'invalid-parquet'
  | 'invalid-arrow'
  | 'cancelled'
  | 'network'
  | 'html';
