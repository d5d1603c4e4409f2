// The Jupyter notebook document (nbformat 4.5): markdown and code cells with unique ids, a python3
// kernelspec, and no outputs (a notebook is written unexecuted). Cell ids are numbered in order, so the
// same inputs give byte-identical files.

/** One cell of an nbformat 4.5 notebook. */
export type NotebookCell =
  | { cell_type: 'markdown'; id: string; metadata: Record<string, unknown>; source: string[] }
  | { cell_type: 'code'; id: string; metadata: Record<string, unknown>; source: string[]; execution_count: null; outputs: unknown[] };

/** An nbformat 4.5 notebook as JSON. */
export interface NotebookJson {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: {
    kernelspec: { name: 'python3'; display_name: string; language: 'python' };
    language_info: { name: 'python' };
    [key: string]: unknown;
  };
  cells: NotebookCell[];
}

/** A cell before it is numbered: markdown text, or Python code. */
export type CellSource = { markdown: string } | { code: string };

/** `text` as nbformat's list of lines, each but the last ending in a newline. */
function lines(text: string): string[] {
  const parts = text.replace(/\s+$/, '').split('\n');
  return parts.map((l, i) => (i < parts.length - 1 ? `${l}\n` : l));
}

/** The notebook of `cells` (ids `<prefix>-01` …), with `title` in its metadata. */
export function notebookOf(cells: readonly CellSource[], prefix: string, title: string): NotebookJson {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(prefix)) throw new RangeError(`prefix must be 1–40 letters, digits, - or _; got ${JSON.stringify(prefix)}`);
  const width = String(cells.length).length;
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
      title,
    },
    cells: cells.map((c, i) => {
      const id = `${prefix}-${String(i + 1).padStart(width, '0')}`;
      return 'markdown' in c
        ? { cell_type: 'markdown', id, metadata: {}, source: lines(c.markdown) }
        : { cell_type: 'code', id, metadata: {}, source: lines(c.code), execution_count: null, outputs: [] };
    }),
  };
}

/** `value` as a Python literal (JSON's strings, numbers, lists and dicts are Python's; true/false/null are not). */
export function py(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? "float('inf')" : value < 0 ? "float('-inf')" : "float('nan')";
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(py).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)}: ${py(v)}`).join(', ')}}`;
}

/** Markdown text with `|`, `<`, `>` and backticks escaped, so a column name or message cannot break a table or add markup. */
export function md(text: string): string {
  return text.replace(/[\\`*_|<>[\]]/g, (c) => `\\${c}`);
}
