// One CSV row of a request body, written and read as SageMaker's inference containers take text/csv:
// no header, comma-separated, RFC 4180 quoting (a field holding a comma, a quote or a line break is
// quoted and its quotes doubled), a missing value as an empty field.
import { csvField as quoteField } from '../engine/predictions-csv.ts';

/** A cell as CSV text: numbers in JavaScript's shortest round-trip form, missing as an empty field. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  return quoteField(String(value));
}

/** A row as one CSV line (without its line break). */
export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(',');
}

/**
 * The records of CSV text as arrays of field strings (quotes removed). Blank lines are skipped; a final
 * line break is optional. Throws a RangeError naming the line of a quote left open.
 */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  const n = text.length;
  const endRow = () => {
    row.push(field);
    field = '';
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < n) {
    const c = text[i];
    if (c === '"' && field === '') {
      const start = line;
      i++;
      for (;;) {
        if (i >= n) throw new RangeError(`CSV: the quote opened on line ${start} is never closed.`);
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      continue;
    }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += c;
    i++;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
