// What the bias form offers for a column: a list of values to tick (categorical, as Clarify decides it:
// text, or integers with few distinct values) or a threshold to type (continuous). It reads the column
// exactly as the bias job will (biasColumn, columnKind), so the form never offers what the job would refuse.
import type { Table } from 'apache-arrow';
import { biasColumn } from '../../lib/clarify/bias-job.ts';
import { columnKind, isTextColumn } from '../../lib/clarify/bias/column-type.ts';

export interface ColumnChoice {
  /** 'categorical': tick values; 'continuous': type a threshold. */
  kind: 'categorical' | 'continuous';
  /** Whether the column holds numbers (values and thresholds are then sent as numbers). */
  numeric: boolean;
  /** Distinct non-missing values as text, sorted (numbers numerically), at most `maxValues`. */
  values: string[];
  /** Distinct values left out of `values` (for numbers, a lower bound: counting stops early). */
  more: number;
  /** Smallest and largest number (numeric columns with a value); null otherwise. */
  range: [number, number] | null;
}

/** The choice for column `name` of `table`; lists at most `maxValues` (defaults to 60) values. */
export function columnChoice(table: Table, name: string, maxValues = 60): ColumnChoice {
  const col = biasColumn(table, name);
  const kind = columnKind(col, undefined);
  if (isTextColumn(col)) {
    const seen = new Set<string>();
    for (const v of col) if (v !== null) seen.add(v);
    const all = [...seen].sort((a, b) => a.localeCompare(b));
    return { kind, numeric: false, values: all.slice(0, maxValues), more: Math.max(0, all.length - maxValues), range: null };
  }
  const seen = new Set<number>();
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (Number.isNaN(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (seen.size <= maxValues) seen.add(v);
  }
  const all = [...seen].sort((a, b) => a - b);
  const listed = kind === 'categorical' ? all.slice(0, maxValues) : [];
  return { kind, numeric: true, values: listed.map(String), more: kind === 'categorical' ? Math.max(0, all.length - listed.length) : 0, range: lo <= hi ? [lo, hi] : null };
}

/** columnChoice for a column the form names; null when none is chosen, it is not in `table`, or it cannot be read. */
export function choiceFor(table: Table | null | undefined, name: string): ColumnChoice | null {
  if (!table || !name || !table.getChild(name)) return null;
  try {
    return columnChoice(table, name);
  } catch {
    return null;
  }
}

/** The mid-range of a numeric column as the text a threshold field starts with; '' when it has no range. */
export function midRange(c: ColumnChoice | null): string {
  return c?.range ? String((c.range[0] + c.range[1]) / 2) : '';
}

/** `list` with `value` ticked (appended) or unticked. */
export function toggled(list: readonly string[], value: string, on: boolean): string[] {
  return on ? [...list.filter((x) => x !== value), value] : list.filter((x) => x !== value);
}
