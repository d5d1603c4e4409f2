// Distinct strings and their codes, shared by every reader that builds Dictionary<Utf8, Int32> columns.

/**
 * Past this many distinct values new strings are appended without deduplication: a JS Map holds at
 * most 2^24 entries, and a column this varied is text, not a category. Arrow allows repeated values.
 */
const MAX_DISTINCT = 1 << 22;

export class StringDictionary {
  private readonly codes = new Map<string, number>();
  /** The distinct values, indexed by code. */
  readonly values: string[] = [];

  codeOf(s: string): number {
    let code = this.codes.get(s);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(s);
      if (this.codes.size < MAX_DISTINCT) this.codes.set(s, code);
    }
    return code;
  }
}
