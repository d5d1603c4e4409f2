// Text of CSV cells cut straight from the file's UTF-8 bytes. Every delimiter, quote and line break is
// ASCII, and a UTF-8 decoder never lets a malformed sequence swallow an ASCII byte, so decoding a cell
// on its own gives exactly the characters that decoding the whole file would give there.
// Short ASCII cells (categories, missing tokens) repeat: a small per-column table keyed by a hash of
// their bytes hands back the same string without building a new one for every row.

/** Decodes cells; keeps a U+FEFF inside a cell (only the file's first BOM is dropped, by the reader). */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Cells longer than this are decoded every time: long text rarely repeats. */
const MAX_CACHED = 48;
/** The table starts this small (a wide file has many columns) and doubles at half full, up to MAX_SLOTS. */
const FIRST_SLOTS = 64;
const MAX_SLOTS = 1 << 12;

/** The text of bytes `b[a, e)`, decoded as UTF-8 (malformed sequences become U+FFFD). */
export function decodeCell(b: Uint8Array, a: number, e: number): string {
  if (e - a <= 16) {
    let ascii = true;
    for (let k = a; k < e; k++) if (b[k] >= 128) ascii = false;
    if (ascii) return String.fromCharCode.apply(null, b.subarray(a, e) as unknown as number[]);
  }
  return utf8.decode(b.subarray(a, e));
}

export class ByteStrings {
  private strings: (string | undefined)[] = new Array<string | undefined>(FIRST_SLOTS);
  private hashes = new Int32Array(FIRST_SLOTS);
  private mask = FIRST_SLOTS - 1;
  private count = 0;
  /** Per slot, the dictionary code the owner recorded for these bytes, or -1. */
  codes = new Int32Array(FIRST_SLOTS).fill(-1);
  /** The slot of the last `get`, or -1 when its bytes are not in the table. */
  last = -1;

  /** The text of `b[a, e)`: from the table when these bytes were seen before, else decoded. */
  get(b: Uint8Array, a: number, e: number): string {
    const len = e - a;
    this.last = -1;
    if (len > MAX_CACHED) return utf8.decode(b.subarray(a, e));
    let h = len | 0;
    let high = 0;
    for (let k = a; k < e; k++) {
      const c = b[k];
      high |= c;
      h = Math.imul(h ^ c, 16777619);
    }
    if (high >= 128) return utf8.decode(b.subarray(a, e));
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const s = this.strings[slot];
      if (s === undefined) break;
      if (this.hashes[slot] === h && s.length === len) {
        let k = 0;
        while (k < len && s.charCodeAt(k) === b[a + k]) k++;
        if (k === len) {
          this.last = slot;
          return s;
        }
      }
      slot = (slot + 1) & mask;
    }
    const s = String.fromCharCode.apply(null, b.subarray(a, e) as unknown as number[]);
    if (2 * (this.count + 1) > mask + 1) {
      if (mask + 1 >= MAX_SLOTS) return s; // full: a column this varied is decoded cell by cell
      this.grow();
      slot = h & this.mask;
      while (this.strings[slot] !== undefined) slot = (slot + 1) & this.mask;
    }
    this.strings[slot] = s;
    this.hashes[slot] = h;
    this.count++;
    this.last = slot;
    return s;
  }

  private grow(): void {
    const { strings, hashes, codes } = this;
    const size = strings.length * 2;
    this.strings = new Array<string | undefined>(size);
    this.hashes = new Int32Array(size);
    this.codes = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let k = 0; k < strings.length; k++) {
      if (strings[k] === undefined) continue;
      let slot = hashes[k] & this.mask;
      while (this.strings[slot] !== undefined) slot = (slot + 1) & this.mask;
      this.strings[slot] = strings[k];
      this.hashes[slot] = hashes[k];
      this.codes[slot] = codes[k];
    }
  }
}
