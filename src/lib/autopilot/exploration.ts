// The data exploration report Autopilot writes before training, after SageMaker Autopilot's: every issue
// it finds in the data, each with what Autopilot will do about it. One pass reads each column once (cells,
// hashes, statistics); the one-feature leakage models run on a seeded sample of rows, so the time stays
// bounded on a million rows; every other figure is over all rows.
import { mulberry32 } from '../ml/random.ts';
import type { Table } from 'apache-arrow';
import type { SemanticType } from '../data/types.ts';
import { parseNumbers } from '../ml/prepare/column-values.ts';
import { fitTarget } from '../ml/prepare/labels.ts';
import { distinctSorted } from '../profile/distinct.ts';
import { valueCounts } from '../profile/value-counts.ts';
import { hashCells, readCells, sameCells, type ColumnCells } from './column-cells.ts';
import { trainingTypeOf } from './column-type.ts';
import { AutopilotError } from './errors.ts';
import { columnFindings, tableFindings, treatmentOf, type ColumnFacts } from './findings.ts';
import { LEAKAGE_FOLDS, oneFeatureScore } from './leakage.ts';
import type { ObjectiveMetric, ProblemType } from './objectives.ts';
import { iqrOutliers, type IqrOutliers } from './outliers.ts';
import type { ProblemInference } from './problem.ts';

export type Severity = 'info' | 'warning' | 'high';

export type FindingKind =
  | 'few-rows' | 'target-missing' | 'target-distribution' | 'class-imbalance' | 'rare-classes'
  | 'missing-values' | 'constant-column' | 'duplicate-column' | 'duplicate-rows' | 'high-cardinality'
  | 'id-column' | 'text-column' | 'outliers' | 'target-leakage';

/** One thing the report found, and what Autopilot does about it. */
export interface Finding {
  kind: FindingKind;
  /** The column it is about; absent for findings about rows or the whole table. */
  column?: string;
  severity: Severity;
  /** The headline figure: a share, a count or a score, as the message says. */
  value: number;
  /** Further figures (counts, thresholds, the other column). */
  detail?: Record<string, unknown>;
  /** What was found, as a sentence. */
  message: string;
  /** What Autopilot will do about it, and what the user can do, as a sentence. */
  action: string;
}

/** How the candidates will use a column. */
export type Treatment = 'target' | 'numeric' | 'boolean' | 'one-hot' | 'target-encoding' | 'date-parts' | 'hashed-ngrams' | 'dropped';

/** Per-column figures, whether or not the column has a finding. */
export interface ColumnSummary {
  name: string;
  type: SemanticType;
  missing: number;
  /** missing / rows. */
  missingShare: number;
  /** Distinct non-missing values. */
  distinct: number;
  /** Integer and float columns: the IQR rule's figures. */
  outliers?: IqrOutliers;
  /** Features scored for leakage: the one-feature model's cross-validated AUC or R². */
  predictivePower?: number;
  treatment: Treatment;
}

/** The report; `findings` is ordered high, warning, info, then by column order. */
export interface DataExplorationReport {
  target: string;
  problemType: ProblemType;
  objective: ObjectiveMetric;
  rows: number;
  columnCount: number;
  findings: Finding[];
  columns: ColumnSummary[];
  /** Columns the candidates will not see, with the finding kind that dropped each. */
  dropped: { column: string; reason: FindingKind }[];
  /** How the leakage scores were sampled. */
  sampling: { leakageRows: number; rowsWithTarget: number; folds: number; seed: number };
}

/** Options of exploreData. */
export interface ExploreOptions {
  /** Most rows the one-feature leakage models use (a seeded sample beyond it); defaults to 20000. */
  leakageRows?: number;
  /** Seed of the leakage sample and folds; defaults to 0. */
  seed?: number;
}

/** Up to `size` of `rows`, chosen at random with `seed` and returned in row order, and a fold per chosen row. */
function sampleWithFolds(rows: Uint32Array, size: number, seed: number): { rows: Uint32Array; folds: Uint8Array } {
  const random = mulberry32(seed);
  const pool = rows.slice();
  const m = Math.min(size, pool.length);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    const t = pool[i]; pool[i] = pool[j]; pool[j] = t;
  }
  const chosen = pool.subarray(0, m).sort();
  const order = Uint32Array.from({ length: m }, (_, i) => i);
  for (let i = m - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]; order[i] = order[j]; order[j] = t;
  }
  const folds = new Uint8Array(m);
  order.forEach((r, i) => { folds[r] = i % LEAKAGE_FOLDS; });
  return { rows: chosen, folds };
}

function gatherCells(cells: ColumnCells, rows: Uint32Array): ColumnCells {
  if (cells.kind === 'number') return { kind: 'number', values: Float64Array.from(rows, (r) => cells.values[r]), missing: 0 };
  return { kind: 'text', values: Array.from(rows, (r) => cells.values[r]), missing: 0 };
}

function distinctOf(cells: ColumnCells, table: Table, name: string): number {
  if (cells.kind === 'number') return distinctSorted(cells.values.filter((x) => x === x).sort());
  return valueCounts(table.getChild(name)!).counts.length;
}

function checkArguments(table: Table, target: string, problem: ProblemInference, options: ExploreOptions): void {
  if (table === null || typeof table !== 'object' || typeof table.getChild !== 'function') throw new TypeError('exploreData: table must be an Arrow Table');
  if (problem === null || typeof problem !== 'object' || typeof problem.problemType !== 'string') throw new TypeError('exploreData: problem must be the result of inferProblem(table, target)');
  if (problem.target !== target) throw new AutopilotError(`exploreData: problem is for target ${JSON.stringify(problem.target)}, not ${JSON.stringify(target)}; call inferProblem(table, ${JSON.stringify(target)}) first`);
  if (!table.getChild(target)) throw new AutopilotError(`target ${JSON.stringify(target)} is not a column of the data`);
  const size = options.leakageRows ?? 20_000;
  if (!Number.isInteger(size) || size < LEAKAGE_FOLDS * 2) throw new AutopilotError(`leakageRows must be an integer of at least ${LEAKAGE_FOLDS * 2}; got ${JSON.stringify(options.leakageRows)}`);
  if (options.seed !== undefined && !Number.isInteger(options.seed)) throw new AutopilotError(`seed must be an integer; got ${JSON.stringify(options.seed)}`);
}

/**
 * The data exploration report for predicting `target` as `problem` (from inferProblem) says: missing values,
 * cardinality, constant and duplicate columns, duplicate rows, class balance, outliers, target leakage and
 * the target's distribution. Deterministic for a given `options.seed`.
 */
export function exploreData(table: Table, target: string, problem: ProblemInference, options: ExploreOptions = {}): DataExplorationReport {
  checkArguments(table, target, problem, options);
  const n = table.numRows, seed = options.seed ?? 0;
  const targetColumn = table.getChild(target)!;
  const labels = problem.problemType === 'Regression'
    ? parseNumbers(targetColumn).values
    : Float64Array.from(fitTarget(targetColumn, target, problem.problemType === 'BinaryClassification' ? 'binary' : 'multiclass', problem.positiveLabel).labels);
  const present = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => labels[i] === labels[i]);
  const sample = sampleWithFolds(present, options.leakageRows ?? 20_000, seed);
  const leakTarget = { labels: Float64Array.from(sample.rows, (r) => labels[r]), classes: problem.classes?.length ?? 0, folds: sample.folds };

  const rowA = new Uint32Array(n), rowB = new Uint32Array(n);
  const seen = new Map<string, string>();
  const facts: ColumnFacts[] = [];
  for (const field of table.schema.fields) {
    const name = field.name, column = table.getChild(name)!;
    const type = trainingTypeOf(column, name);
    const cells = readCells(column, type === 'float' || type === 'integer');
    let fa = 0x12345678, fb = 0x9abcdef0;
    hashCells(cells, (i, a, b) => {
      rowA[i] = Math.imul((rowA[i] << 5 | rowA[i] >>> 27) ^ a, 0x9e3779b1) >>> 0;
      rowB[i] = Math.imul((rowB[i] << 7 | rowB[i] >>> 25) ^ b, 0x85ebca77) >>> 0;
      fa = Math.imul((fa << 5 | fa >>> 27) ^ a, 0x9e3779b1);
      fb = Math.imul((fb << 7 | fb >>> 25) ^ b, 0x85ebca77);
    });
    const fact: ColumnFacts = { name, type, isTarget: name === target, missing: cells.missing, distinct: distinctOf(cells, table, name) };
    if (!fact.isTarget) {
      // Equal fingerprints are confirmed cell by cell, so a hash collision can never drop a column.
      const key = `${cells.kind}:${fa >>> 0}:${fb >>> 0}`;
      const earlier = seen.get(key);
      if (earlier !== undefined && sameCells(cells, readCells(table.getChild(earlier)!, cells.kind === 'number'))) fact.duplicateOf = earlier;
      else if (earlier === undefined) seen.set(key, name);
      if (type === 'integer' || type === 'float') fact.outliers = iqrOutliers(cells.values as Float64Array);
      if (type !== 'id' && type !== 'text' && fact.distinct > 1) fact.predictivePower = oneFeatureScore(gatherCells(cells, sample.rows), leakTarget);
    } else if (cells.kind === 'number' && problem.problemType === 'Regression') {
      fact.outliers = iqrOutliers(cells.values);
    }
    facts.push(fact);
  }

  // Duplicate rows: rows whose 53-bit hash matches an earlier row's (pandas' duplicated(), keep='first').
  const keys = Float64Array.from({ length: n }, (_, i) => rowA[i] * 2097152 + (rowB[i] >>> 11)).sort();
  let duplicateRows = 0;
  for (let i = 1; i < n; i++) if (keys[i] === keys[i - 1]) duplicateRows++;

  const findings = [
    ...tableFindings({ problem, rows: n, rowsWithTarget: present.length, labels, duplicateRows, targetFacts: facts.find((f) => f.isTarget)! }),
    ...facts.filter((f) => !f.isTarget).flatMap((f) => columnFindings(f, n, problem)),
  ];
  const rank: Record<Severity, number> = { high: 0, warning: 1, info: 2 };
  findings.sort((a, b) => rank[a.severity] - rank[b.severity]);
  const dropped = facts.filter((f) => !f.isTarget).flatMap((f) => {
    const t = treatmentOf(f, n);
    return t.dropReason ? [{ column: f.name, reason: t.dropReason }] : [];
  });
  return {
    target,
    problemType: problem.problemType,
    objective: problem.objective,
    rows: n,
    columnCount: facts.length,
    findings,
    columns: facts.map((f) => ({
      name: f.name, type: f.type, missing: f.missing, missingShare: n === 0 ? 0 : f.missing / n, distinct: f.distinct,
      ...(f.outliers ? { outliers: f.outliers } : {}),
      ...(f.predictivePower !== undefined ? { predictivePower: f.predictivePower } : {}),
      treatment: f.isTarget ? 'target' : treatmentOf(f, n).treatment,
    })),
    dropped,
    sampling: { leakageRows: sample.rows.length, rowsWithTarget: present.length, folds: LEAKAGE_FOLDS, seed },
  };
}
