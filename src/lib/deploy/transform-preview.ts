// What the Deploy view shows of a batch transform's output: the first rows as text cells, and how many
// records the output holds, whatever its format (CSV with or without a header, JSON Lines, one JSON document).
import { parseCsvRows } from './csv-row.ts';

/** The first output rows as a table of text cells. */
export interface OutputPreview {
  columns: string[];
  rows: string[][];
}

/** The first output rows of a transform as text cells, for the preview table. */
export function previewOf(body: string, contentType: string, rows = 20, header = true): OutputPreview {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const fromObjects = (objects: unknown[]) => {
    const columns: string[] = [];
    for (const o of objects) if (o && typeof o === 'object' && !Array.isArray(o)) for (const k of Object.keys(o)) if (!columns.includes(k)) columns.push(k);
    if (columns.length === 0) return { columns: ['value'], rows: objects.map((o) => [cell(o)]) };
    return { columns, rows: objects.map((o) => columns.map((c) => cell((o as Record<string, unknown>)[c]))) };
  };
  if (contentType.startsWith('application/jsonlines')) {
    const lines: unknown[] = [];
    for (const line of body.split('\n')) {
      if (lines.length >= rows) break;
      if (line.trim()) lines.push(JSON.parse(line) as unknown);
    }
    return fromObjects(lines);
  }
  if (contentType.startsWith('application/json')) {
    const doc = JSON.parse(body) as Record<string, unknown>;
    const list = Object.values(doc).find(Array.isArray) as unknown[] | undefined;
    return fromObjects((list ?? [doc]).slice(0, rows));
  }
  // CSV: read only the lines shown (a quoted line break would span two; the preview is cut, not the file).
  let end = 0;
  for (let k = 0; k < rows + (header ? 1 : 0) && end !== -1; k++) end = body.indexOf('\n', end + (k ? 1 : 0));
  const parsed = parseCsvRows(end === -1 ? body : body.slice(0, end));
  const width = Math.max(0, ...parsed.map((r) => r.length));
  const columns = header && parsed.length ? parsed[0] : Array.from({ length: width }, (_, j) => `column ${j + 1}`);
  return { columns, rows: (header ? parsed.slice(1) : parsed).slice(0, rows) };
}

/** Text rows of `body` (CSV lines or JSON Lines) without a header: the rows a transform wrote. */
export function outputRows(body: string, header: boolean): number {
  let n = 0;
  for (const line of body.split('\n')) if (line.trim()) n++;
  return Math.max(0, n - (header ? 1 : 0));
}

