// The Model Monitor alarm of a traffic shift: a data-quality check of the green fleet's requests (their
// inputs) against a baseline of the same inputs over the whole replayed dataset, as a monitoring schedule
// on the new fleet would run. Its value is the number of constraint violations.
import type { Table } from 'apache-arrow';
import { takeRows } from '../data/take-rows.ts';
import { checkData } from '../monitor/check.ts';
import { suggestConstraints } from '../monitor/constraints.ts';
import { baselineStatistics } from '../monitor/statistics.ts';

/** A function counting the violations of `rows` of `table` (the inputs named) against the table's own baseline. */
export function trafficMonitor(table: Table, inputs: readonly string[]): (rows: number[]) => number {
  const present = inputs.filter((name) => table.getChild(name));
  const data = table.select(present);
  const statistics = baselineStatistics(data);
  const constraints = suggestConstraints(statistics);
  return (rows) => (rows.length === 0 ? 0 : checkData(statistics, constraints, takeRows(data, rows)).violations.violations.length);
}
