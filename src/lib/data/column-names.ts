// Unique, non-empty column names, renamed the way pandas does (`x`, `x.1`, `x.2`) so that users who
// know pandas recognise them, with a warning that names every renamed column.

export interface ColumnNames {
  names: string[];
  warnings: string[];
}

const quote = (s: string) => JSON.stringify(s);

export function uniqueColumnNames(raw: readonly string[]): ColumnNames {
  // Names that appear first at their position are kept; later copies must not steal them.
  const firstAt = new Map<string, number>();
  raw.forEach((n, i) => {
    if (n !== '' && !firstAt.has(n)) firstAt.set(n, i);
  });
  const taken = new Set(firstAt.keys());
  const names: string[] = [];
  const empty: string[] = [];
  const dups: string[] = [];
  raw.forEach((n, i) => {
    if (n !== '' && firstAt.get(n) === i) {
      names.push(n);
      return;
    }
    const base = n === '' ? `column_${i + 1}` : n;
    let name = base;
    for (let k = 1; taken.has(name); k++) name = `${base}.${k}`;
    taken.add(name);
    names.push(name);
    if (n === '') empty.push(`column ${i + 1} → ${quote(name)}`);
    else dups.push(`${quote(n)} → ${quote(name)} (column ${i + 1})`);
  });
  const warnings: string[] = [];
  if (dups.length) warnings.push(`Duplicate column names were renamed: ${dups.join(', ')}.`);
  if (empty.length) warnings.push(`Empty column names were filled in: ${empty.join(', ')}.`);
  return { names, warnings };
}

/** Names for a file without a header row: column_1, column_2, … */
export function generatedNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `column_${i + 1}`);
}
