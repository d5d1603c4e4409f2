// Which reader a file needs, from its first bytes (magic numbers beat names) and then its extension.
import { DataError, type DataFormat } from './types.ts';

/** How much of the head is examined for magic bytes and for binary content. */
export const HEAD_BYTES = 4096;

const EXTENSIONS: Record<string, DataFormat> = {
  csv: 'csv', txt: 'csv', tsv: 'tsv', tab: 'tsv', json: 'json', jsonl: 'jsonl', ndjson: 'jsonl',
  parquet: 'parquet', pq: 'parquet', arrow: 'arrow', feather: 'arrow', ipc: 'arrow', arrows: 'arrow',
};

function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  if (head.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (head[i] !== magic[i]) return false;
  return true;
}

const PAR1 = [0x50, 0x41, 0x52, 0x31];
const ARROW1 = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31];
const CONTINUATION = [0xff, 0xff, 0xff, 0xff];

/**
 * Whether the head looks like something other than text: any NUL byte, or more than 10% control
 * characters and invalid UTF-8. UTF-16 files have NULs too and are refused the same way, since the
 * readers take UTF-8.
 */
export function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, HEAD_BYTES);
  if (n === 0) return false;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) odd++;
  }
  // The last few bytes may be a multi-byte character cut by the head's end.
  const text = new TextDecoder().decode(head.subarray(0, Math.max(0, n - 3)));
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) odd++;
  return odd > n * 0.1;
}

/** Index of the first byte after a UTF-8 BOM and ASCII whitespace. */
function firstSignificant(head: Uint8Array): number {
  let i = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < head.length && (head[i] === 32 || head[i] === 9 || head[i] === 10 || head[i] === 13)) i++;
  return i;
}

/** Whether a text head that opens with `{` holds one object per line rather than one pretty-printed document. */
function isJsonLines(head: Uint8Array, start: number): boolean {
  const nl = head.indexOf(10, start);
  if (nl < 0) return true;
  const firstLine = new TextDecoder().decode(head.subarray(start, nl)).trim();
  try {
    JSON.parse(firstLine);
    return true;
  } catch {
    return false;
  }
}

/**
 * The format of a file called `name` whose first bytes are `head` (a few KiB are enough). Magic bytes
 * decide first (Parquet `PAR1`, Arrow `ARROW1` or a stream's 0xFFFFFFFF marker), then a text head that
 * opens with `[` (JSON) or `{` (JSON Lines, or JSON when the first line is not a whole object) unless
 * the name ends in .csv or .tsv, then the extension; unknown text defaults to CSV.
 * @throws DataError 'binary' when the head is not text and no binary format matched,
 *   'empty' when there are no bytes.
 */
export function detectFormat(name: string, head: Uint8Array): DataFormat {
  if (typeof name !== 'string') throw new TypeError(`Argument 'name' passed to detectFormat must be a string, got ${typeof name}.`);
  if (!(head instanceof Uint8Array)) throw new TypeError(`Argument 'head' passed to detectFormat must be a Uint8Array, got ${Object.prototype.toString.call(head)}.`);
  if (startsWith(head, PAR1)) return 'parquet';
  if (startsWith(head, ARROW1) || startsWith(head, CONTINUATION)) return 'arrow';
  const extension = extensionOf(name);
  const ext = EXTENSIONS[extension];
  if (ext === 'parquet' || ext === 'arrow') return ext;
  if (head.length === 0) throw new DataError('empty', name, 'the file is empty (0 bytes).');
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    throw new DataError('binary', name, 'the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 and open it again.');
  }
  if (looksBinary(head)) {
    throw new DataError('binary', name, `the file does not look like text (it contains binary bytes)${ext ? `, so it cannot be read as ${ext.toUpperCase()}` : ''}. Supported formats: CSV, TSV, JSON, JSON Lines, Parquet and Arrow.`);
  }
  // A name ending in .csv or .tsv is a deliberate choice; a cell may well start with a bracket.
  if (extension === 'csv' || extension === 'tsv') return ext;
  const start = firstSignificant(head);
  if (head[start] === 0x5b) return 'json';
  if (head[start] === 0x7b) return isJsonLines(head, start) ? 'jsonl' : 'json';
  return ext ?? 'csv';
}
