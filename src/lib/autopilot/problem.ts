// Autopilot's first decision: what kind of problem the target poses and which metric judges candidates.
// The task comes from the training pipeline's own inference (inferTask, fitTarget), so Autopilot and
// `mlpad train` never disagree about a column; this file adds SageMaker's names, the objective, and
// refusals for targets no model could learn (one class, all missing, identifiers, too few rows).
import type { Table, Vector } from 'apache-arrow';
import type { SemanticType } from '../data/types.ts';
import { isTextStorage, parseNumbers, textColumn } from '../ml/prepare/column-values.ts';
import { fitTarget, inferTask, sortLabels } from '../ml/prepare/labels.ts';
import type { Task } from '../ml/prepare/types.ts';
import { trainingTypeOf } from './column-type.ts';
import { AutopilotError } from './errors.ts';
import { DEFAULT_OBJECTIVE, OBJECTIVES, PROBLEM_TYPES, objectivesFor, type ObjectiveMetric, type ProblemType } from './objectives.ts';

/**
 * Fewest rows with a target Autopilot accepts. SageMaker Autopilot requires 500 training rows; mlpad asks
 * for 100 so that small teaching sets (iris, 150 rows; penguins, 344) still run 5-fold cross-validation
 * with 20 rows a fold, and the exploration report warns below SAGEMAKER_MIN_ROWS.
 */
export const MIN_ROWS = 100;

/** SageMaker Autopilot's minimum number of training rows. */
export const SAGEMAKER_MIN_ROWS = 500;

/** Options of inferProblem. */
export interface InferProblemOptions {
  /** Objective metric (SageMaker's MetricName, case-insensitive); defaults to SageMaker's default for the problem type. */
  objective?: string;
  /** Problem type to use instead of the inferred one; defaults to inference. */
  problemType?: ProblemType;
  /** Binary only: the class that counts as positive; defaults to the second class in sorted order, as training does. */
  positiveLabel?: string;
  /** Fewest rows with a target; defaults to MIN_ROWS (100). */
  minRows?: number;
}

/** The problem Autopilot will solve. */
export interface ProblemInference {
  target: string;
  problemType: ProblemType;
  /** The objective in use: the user's, else SageMaker's default for the problem type. */
  objective: ObjectiveMetric;
  /** Whether `objective` is the default rather than the user's choice. */
  objectiveIsDefault: boolean;
  /** Every objective that fits the problem type. */
  allowedObjectives: ObjectiveMetric[];
  /** Classification: the classes in model order (for binary, the positive class is second). */
  classes?: string[];
  /** Binary: the positive class. */
  positiveLabel?: string;
  /** The target's semantic type, as the studio infers it. */
  targetType: SemanticType;
  /** Rows whose target is present (rows without one are left out of training). */
  rows: number;
  /** Why this problem type, as a sentence. */
  reason: string;
}

const q = (s: string) => JSON.stringify(s);

const TASK_OF: Record<ProblemType, Task> = { BinaryClassification: 'binary', MulticlassClassification: 'multiclass', Regression: 'regression' };
const TYPE_OF: Record<Task, ProblemType> = { binary: 'BinaryClassification', multiclass: 'MulticlassClassification', regression: 'Regression' };

function list(values: readonly string[], max = 6): string {
  const shown = values.slice(0, max).map(q).join(', ');
  return values.length > max ? `${shown}, … (${values.length} in all)` : shown;
}

function checkArguments(table: Table, target: string, options: InferProblemOptions): void {
  if (table === null || typeof table !== 'object' || typeof table.getChild !== 'function' || !('schema' in table)) {
    throw new TypeError('inferProblem: table must be an Arrow Table');
  }
  if (typeof target !== 'string' || target === '') throw new AutopilotError('target must name a column of the data');
  if (options === null || typeof options !== 'object') throw new TypeError('inferProblem: options must be an object');
  const names = table.schema.fields.map((f) => f.name);
  if (!names.includes(target)) throw new AutopilotError(`target ${q(target)} is not a column of the data; columns are ${list(names, 20)}`);
  if (options.problemType !== undefined && !PROBLEM_TYPES.includes(options.problemType)) {
    throw new AutopilotError(`problemType must be one of ${PROBLEM_TYPES.join(', ')}; got ${JSON.stringify(options.problemType)}`);
  }
  const minRows = options.minRows ?? MIN_ROWS;
  if (!Number.isInteger(minRows) || minRows < 2) throw new AutopilotError(`minRows must be an integer of at least 2; got ${JSON.stringify(options.minRows)}`);
}

/** Refuses targets that are no learning problem: all missing, identifiers, free text, dates. */
function checkTargetColumn(column: Vector, target: string, type: SemanticType, present: (string | null)[]): void {
  const values = present.filter((t): t is string => t !== null);
  if (values.length === 0) throw new AutopilotError(`target ${q(target)} is missing in every row; choose a column that holds the answer for at least ${MIN_ROWS} rows`);
  const distinct = new Set(values).size;
  const allDistinctText = isTextStorage(column) && type !== 'float' && type !== 'integer' && values.length > 2 && distinct === values.length;
  if (type === 'id' || allDistinctText) {
    throw new AutopilotError(`target ${q(target)} looks like an identifier (${distinct} distinct values in ${values.length} rows${type === 'id' ? ', read as an id column' : ''}): a model cannot learn to predict a label that never repeats; choose the column that holds the outcome`);
  }
  if (type === 'text') {
    throw new AutopilotError(`target ${q(target)} is free text (${distinct} distinct values in ${values.length} rows); Autopilot predicts a class or a number, so choose a categorical or numeric column`);
  }
  if (type === 'datetime') {
    throw new AutopilotError(`target ${q(target)} holds dates; Autopilot predicts a class or a number, so choose a categorical or numeric column (or convert the dates to a number such as days)`);
  }
}

function chooseObjective(problemType: ProblemType, requested: string | undefined): { objective: ObjectiveMetric; isDefault: boolean } {
  if (requested === undefined) return { objective: DEFAULT_OBJECTIVE[problemType], isDefault: true };
  const allowed = objectivesFor(problemType);
  if (typeof requested !== 'string') throw new AutopilotError(`objective must be a metric name such as ${allowed.join(', ')}; got ${JSON.stringify(requested)}`);
  const info = OBJECTIVES.find((o) => o.name.toLowerCase() === requested.trim().toLowerCase());
  if (info === undefined) {
    throw new AutopilotError(`objective ${q(requested)} is not a metric Autopilot knows; for ${problemType} choose one of ${allowed.join(', ')}`);
  }
  if (!info.problemTypes.includes(problemType)) {
    throw new AutopilotError(`objective ${info.name} does not apply to ${problemType} (it is for ${info.problemTypes.join(' and ')}); choose one of ${allowed.join(', ')}`);
  }
  return { objective: info.name, isDefault: false };
}

function describe(target: string, task: Task, inferred: Task, classes: string[] | undefined, column: Vector, given: boolean): string {
  const how = given ? 'as requested' : 'inferred';
  if (task === 'regression') {
    const distinct = new Set<number>();
    for (const v of parseNumbers(column).values) if (v === v) distinct.add(v);
    return `Target ${q(target)} holds numbers with ${distinct.size} distinct values, so the problem is Regression (${how}).`;
  }
  const k = classes!.length;
  const head = `Target ${q(target)} has ${k} classes (${list(classes!)}), so the problem is ${TYPE_OF[task]} (${how})`;
  const codes = !given && inferred === 'multiclass' && !isTextStorage(column);
  const tail = codes ? '; its values are a short run of integer codes, which Autopilot reads as classes: ask for Regression to predict them as numbers' : '';
  const positive = task === 'binary' ? `; ${q(classes![1])} is the positive class` : '';
  return `${head}${positive}${tail}.`;
}

/**
 * The problem type, objective and classes of predicting `target` from `table`, with SageMaker Autopilot's
 * names. Throws AutopilotError for a missing column, a target with one class, all missing, an identifier
 * or free text, fewer than `minRows` rows with a target, or an objective that does not fit.
 */
export function inferProblem(table: Table, target: string, options: InferProblemOptions = {}): ProblemInference {
  checkArguments(table, target, options);
  const column = table.getChild(target)!;
  if (table.numRows === 0) throw new AutopilotError('the data has no rows');
  const text = textColumn(column);
  const type = trainingTypeOf(column, target);
  checkTargetColumn(column, target, type, text);
  const inferred = inferTask(column, type);
  const given = options.problemType !== undefined;
  const task = given ? TASK_OF[options.problemType!] : inferred;
  const rows = text.reduce((n, t) => (t === null ? n : n + 1), 0);

  let classes: string[] | undefined;
  if (task === 'regression') {
    const parsed = parseNumbers(column);
    if (parsed.unparsable > 0 && parsed.example) {
      throw new AutopilotError(`target ${q(target)} must hold numbers for Regression, but ${parsed.unparsable} cell${parsed.unparsable > 1 ? 's do' : ' does'} not (first: ${q(parsed.example.text)} in data row ${parsed.example.row + 1}); choose a classification problem type or fix those cells`);
    }
    const distinct = new Set<number>();
    for (const v of parsed.values) if (v === v) distinct.add(v);
    if (distinct.size === 1) throw new AutopilotError(`target ${q(target)} has the same value (${[...distinct][0]}) in every row; there is nothing to predict`);
    if (options.positiveLabel !== undefined) throw new AutopilotError('positiveLabel applies to BinaryClassification; the problem type is Regression');
  } else {
    const labels = sortLabels(text.filter((t): t is string => t !== null));
    if (labels.length === 1) throw new AutopilotError(`target ${q(target)} has only one class (${q(labels[0])}); classification needs at least two, so add rows of the other classes or choose another target`);
    if (task === 'binary' && labels.length > 2) throw new AutopilotError(`target ${q(target)} has ${labels.length} classes (${list(labels)}); BinaryClassification needs exactly two, so use MulticlassClassification`);
    if (task === 'multiclass' && labels.length === 2) throw new AutopilotError(`target ${q(target)} has two classes (${list(labels)}); use BinaryClassification`);
    if (task === 'multiclass' && options.positiveLabel !== undefined) throw new AutopilotError(`positiveLabel applies to BinaryClassification; target ${q(target)} has ${labels.length} classes`);
    if (task === 'binary' && options.positiveLabel !== undefined && !labels.includes(options.positiveLabel)) {
      throw new AutopilotError(`positiveLabel ${q(options.positiveLabel)} is not a class of target ${q(target)}; its classes are ${list(labels)}`);
    }
    // fitTarget orders the classes exactly as training will (the positive class second).
    classes = fitTarget(column, target, task, options.positiveLabel).classes;
  }

  const minRows = options.minRows ?? MIN_ROWS;
  if (rows < minRows) {
    throw new AutopilotError(`the data has ${rows} row${rows === 1 ? '' : 's'} with a value in target ${q(target)}; Autopilot needs at least ${minRows} to cross-validate its candidates (SageMaker Autopilot asks for ${SAGEMAKER_MIN_ROWS}), so add rows`);
  }
  const problemType = TYPE_OF[task];
  const { objective, isDefault } = chooseObjective(problemType, options.objective);
  return {
    target,
    problemType,
    objective,
    objectiveIsDefault: isDefault,
    allowedObjectives: objectivesFor(problemType),
    ...(classes ? { classes } : {}),
    ...(task === 'binary' ? { positiveLabel: classes![1] } : {}),
    targetType: type,
    rows,
    reason: describe(target, task, inferred, classes, column, given),
  };
}
