// The report's sentences: from the figures exploreData measured to findings a learner can act on, and the
// treatment each column gets. Thresholds are constants here so the report, the docs and the tests agree.
import type { SemanticType } from '../data/types.ts';
import { MAX_ONE_HOT } from '../ml/prepare/encode-columns.ts';
import { moments } from '../profile/moments.ts';
import { quantileSorted } from '../profile/quantile.ts';
import type { Finding, FindingKind, Treatment } from './exploration.ts';
import { LEAKAGE_FOLDS, LEAKAGE_THRESHOLD } from './leakage.ts';
import type { IqrOutliers } from './outliers.ts';
import { SAGEMAKER_MIN_ROWS, type ProblemInference } from './problem.ts';

/** Share of missing cells above which a column is dropped rather than imputed: past it, invented values would outnumber real ones. */
export const MISSING_DROP_SHARE = 0.5;

/** Share of missing cells from which the finding is a warning rather than info. */
export const MISSING_WARN_SHARE = 0.05;

/** Share of duplicate rows from which the finding is a warning rather than info. */
export const DUPLICATE_ROWS_WARN_SHARE = 0.01;

/** Share of values beyond 3 IQR from which an outlier finding is a warning rather than info. */
export const OUTLIER_WARN_SHARE = 0.01;

/** Fewest rows a class needs to appear in every cross-validation fold. */
export const RARE_CLASS_ROWS = LEAKAGE_FOLDS;

/** What exploreData measured about one column. */
export interface ColumnFacts {
  name: string;
  type: SemanticType;
  isTarget: boolean;
  missing: number;
  distinct: number;
  /** An earlier column with the same cells in every row. */
  duplicateOf?: string;
  outliers?: IqrOutliers;
  predictivePower?: number;
}

const q = (s: string) => JSON.stringify(s);
const pct = (x: number) => `${(100 * x).toFixed(x < 0.001 && x > 0 ? 2 : 1)}%`;
const num = (x: number) => String(Number(x.toPrecision(4)));

/** How the candidates use a feature column, and the finding that drops it, if one does. */
export function treatmentOf(f: ColumnFacts, rows: number): { treatment: Treatment; dropReason?: FindingKind } {
  const dropped = (dropReason: FindingKind) => ({ treatment: 'dropped' as const, dropReason });
  if (rows > 0 && f.missing / rows > MISSING_DROP_SHARE) return dropped('missing-values');
  if (f.distinct <= 1) return dropped('constant-column');
  if (f.duplicateOf !== undefined) return dropped('duplicate-column');
  if (f.type === 'id') return dropped('id-column');
  if (f.predictivePower !== undefined && f.predictivePower > LEAKAGE_THRESHOLD) return dropped('target-leakage');
  switch (f.type) {
    case 'integer': case 'float': return { treatment: 'numeric' };
    case 'boolean': return { treatment: 'boolean' };
    case 'datetime': return { treatment: 'date-parts' };
    case 'text': return { treatment: 'hashed-ngrams' };
    default: return { treatment: f.distinct > MAX_ONE_HOT ? 'target-encoding' : 'one-hot' };
  }
}

function missingFinding(f: ColumnFacts, rows: number): Finding {
  const share = f.missing / rows;
  const drop = share > MISSING_DROP_SHARE;
  const fill = f.type === 'integer' || f.type === 'float'
    ? 'XGBoost learns which way missing values go; Linear Learner and MLP candidates get the training mean'
    : 'a missing value becomes a category of its own';
  return {
    kind: 'missing-values', column: f.name, severity: drop ? 'high' : share >= MISSING_WARN_SHARE ? 'warning' : 'info', value: share,
    detail: { missing: f.missing, rows, dropAbove: MISSING_DROP_SHARE },
    message: `Column ${q(f.name)} is missing in ${f.missing} of ${rows} rows (${pct(share)}).`,
    action: drop
      ? `Autopilot drops it: more than ${pct(MISSING_DROP_SHARE)} missing means imputed values would outnumber real ones. If the gaps mean something (e.g. "no loan"), fill them with that value before training.`
      : `Autopilot keeps it and imputes the gaps: ${fill}.`,
  };
}

function outlierFinding(f: ColumnFacts, o: IqrOutliers): Finding {
  const share = o.beyond3 / o.present;
  const flat = o.iqr === 0 ? ` Its quartiles are equal (${num(o.q1)}), so every other value counts as an outlier: the column is mostly one value.` : '';
  return {
    kind: 'outliers', column: f.name, severity: share >= OUTLIER_WARN_SHARE ? 'warning' : 'info', value: share,
    detail: { ...o, share1_5: o.beyond1_5 / o.present },
    message: `Column ${q(f.name)} has ${o.beyond3} value${o.beyond3 === 1 ? '' : 's'} (${pct(share)}) beyond 3 IQR of its quartiles [${num(o.q1)}, ${num(o.q3)}] and ${o.beyond1_5} (${pct(o.beyond1_5 / o.present)}) beyond 1.5 IQR.${flat}`,
    action: 'Autopilot keeps them: XGBoost splits are unaffected by how extreme a value is, and Linear Learner and MLP candidates see the column standardized. Check whether they are entry errors; if so, fix or remove them before training.',
  };
}

/** Findings about one feature column. */
export function columnFindings(f: ColumnFacts, rows: number, problem: ProblemInference): Finding[] {
  const out: Finding[] = [];
  if (f.missing > 0 && rows > 0) out.push(missingFinding(f, rows));
  if (f.distinct === 1) {
    out.push({ kind: 'constant-column', column: f.name, severity: 'warning', value: 1, message: `Column ${q(f.name)} holds a single value in every row that has one.`, action: 'Autopilot drops it: a column that never changes cannot tell rows apart.' });
  }
  if (f.duplicateOf !== undefined) {
    out.push({ kind: 'duplicate-column', column: f.name, severity: 'warning', value: 1, detail: { duplicateOf: f.duplicateOf }, message: `Column ${q(f.name)} is identical to column ${q(f.duplicateOf)} in every row.`, action: `Autopilot keeps ${q(f.duplicateOf)} and drops ${q(f.name)}: a copy adds no information and would double the column's weight in linear models.` });
  }
  if (f.type === 'id') {
    out.push({ kind: 'id-column', column: f.name, severity: 'info', value: f.distinct, message: `Column ${q(f.name)} looks like an identifier (${f.distinct} distinct values).`, action: 'Autopilot drops it: an identifier names a row, and what a model learns from it does not carry over to new rows.' });
  }
  if (f.type === 'text') {
    out.push({ kind: 'text-column', column: f.name, severity: 'info', value: f.distinct, message: `Column ${q(f.name)} is free text (${f.distinct} distinct values).`, action: 'Autopilot turns it into hashed word n-gram counts rather than one category per value.' });
  }
  if (f.type === 'categorical' && f.distinct > MAX_ONE_HOT && f.distinct > 1) {
    out.push({ kind: 'high-cardinality', column: f.name, severity: 'info', value: f.distinct, detail: { oneHotLimit: MAX_ONE_HOT }, message: `Column ${q(f.name)} has ${f.distinct} categories, more than the ${MAX_ONE_HOT} Autopilot one-hot encodes.`, action: 'Autopilot target-encodes it (each category becomes its out-of-fold target mean, or class rates), and frequency-encodes categories too rare to estimate, instead of one 0/1 feature per category.' });
  }
  if (f.outliers && f.outliers.beyond3 > 0) out.push(outlierFinding(f, f.outliers));
  if (f.predictivePower !== undefined && f.predictivePower > LEAKAGE_THRESHOLD) {
    const metric = problem.problemType === 'Regression' ? 'R²' : 'AUC';
    out.push({
      kind: 'target-leakage', column: f.name, severity: 'high', value: f.predictivePower, detail: { metric, threshold: LEAKAGE_THRESHOLD },
      message: `Column ${q(f.name)} alone predicts ${q(problem.target)} almost perfectly: a one-column model scores ${metric} ${f.predictivePower.toFixed(4)} in ${LEAKAGE_FOLDS}-fold cross-validation.`,
      action: 'Autopilot drops it from the candidates\' features: a column this predictive is usually recorded with or after the outcome and will not be known when predicting. If it truly is known beforehand, the problem may be easier than it looks.',
    });
  }
  return out;
}

/** What exploreData measured about the rows and the target. */
export interface TableFacts {
  problem: ProblemInference;
  rows: number;
  rowsWithTarget: number;
  /** Class indices or values, NaN where missing. */
  labels: Float64Array;
  duplicateRows: number;
  targetFacts: ColumnFacts;
}

const BALANCED_OBJECTIVES = new Set(['AUC', 'BalancedAccuracy', 'F1macro', 'PrecisionMacro', 'RecallMacro', 'LogLoss']);

function objectiveNote(problem: ProblemInference, majority: string, majorityShare: number, minority: string): string {
  const o = problem.objective;
  if (o === 'Accuracy') return `Accuracy rewards predicting the majority class (always answering ${q(majority)} scores ${pct(majorityShare)}); consider ${problem.problemType === 'BinaryClassification' ? 'BalancedAccuracy or AUC' : 'BalancedAccuracy or F1macro'}.`;
  if (problem.problemType === 'BinaryClassification' && !BALANCED_OBJECTIVES.has(o) && problem.positiveLabel === majority) {
    return `${o} is computed on the positive class ${q(majority)}, which is the majority; make ${q(minority)} the positive label so ${o} measures the rare class, or choose AUC or BalancedAccuracy.`;
  }
  return `${o} is not dominated by the majority class, so it suits these data.`;
}

function classFindings(t: TableFacts): Finding[] {
  const classes = t.problem.classes!;
  const counts = new Array<number>(classes.length).fill(0);
  for (const l of t.labels) if (l === l) counts[l]++;
  const total = t.rowsWithTarget;
  const shares = counts.map((c) => c / total);
  const order = classes.map((_, k) => k).sort((a, b) => counts[b] - counts[a] || a - b);
  const out: Finding[] = [{
    kind: 'target-distribution', column: t.problem.target, severity: 'info', value: classes.length,
    detail: { classes: order.map((k) => ({ label: classes[k], count: counts[k], share: shares[k] })) },
    message: `Target ${q(t.problem.target)} has ${classes.length} classes: ${order.slice(0, 10).map((k) => `${q(classes[k])} ${pct(shares[k])}`).join(', ')}${classes.length > 10 ? ', …' : ''}.`,
    action: 'Autopilot stratifies its folds by class, so every fold keeps these shares.',
  }];
  const maj = order[0], min = order[order.length - 1];
  // Imbalanced when the rarest class has less than half of an even share (below 25% of two classes).
  const relative = shares[min] * classes.length;
  if (relative < 0.5) {
    out.push({
      kind: 'class-imbalance', column: t.problem.target, severity: relative < 0.1 ? 'high' : 'warning', value: shares[min],
      detail: { minority: classes[min], majority: classes[maj], minorityShare: shares[min], majorityShare: shares[maj], objective: t.problem.objective },
      message: `The classes are imbalanced: ${q(classes[min])} is ${pct(shares[min])} of the rows, ${q(classes[maj])} ${pct(shares[maj])}.`,
      action: `Autopilot keeps every row and stratifies its folds. ${objectiveNote(t.problem, classes[maj], shares[maj], classes[min])}`,
    });
  }
  const rare = order.filter((k) => counts[k] < RARE_CLASS_ROWS);
  if (rare.length > 0) {
    out.push({
      kind: 'rare-classes', column: t.problem.target, severity: 'high', value: rare.length, detail: { classes: rare.map((k) => ({ label: classes[k], count: counts[k] })) },
      message: `${rare.length} class${rare.length > 1 ? 'es have' : ' has'} fewer than ${RARE_CLASS_ROWS} rows (${rare.map((k) => `${q(classes[k])}: ${counts[k]}`).join(', ')}), too few to appear in each of the ${LEAKAGE_FOLDS} cross-validation folds.`,
      action: 'Candidates will rarely predict them and their scores will be noisy; add rows of those classes, or merge them into a related class before training.',
    });
  }
  return out;
}

function regressionFinding(t: TableFacts): Finding {
  const values = t.labels.filter((x) => x === x);
  const { mean, std } = moments(values);
  const sorted = values.sort();
  const o = t.targetFacts.outliers;
  const extremes = o && o.beyond3 > 0 ? ` ${o.beyond3} value${o.beyond3 === 1 ? ' lies' : 's lie'} beyond 3 IQR of the quartiles.` : '';
  const metric = t.problem.objective;
  return {
    kind: 'target-distribution', column: t.problem.target, severity: 'info', value: mean,
    detail: { min: sorted[0], q1: quantileSorted(sorted, 0.25), median: quantileSorted(sorted, 0.5), q3: quantileSorted(sorted, 0.75), max: sorted[sorted.length - 1], mean, std, ...(o ? { outliers: o } : {}) },
    message: `Target ${q(t.problem.target)} ranges from ${num(sorted[0])} to ${num(sorted[sorted.length - 1])} (median ${num(quantileSorted(sorted, 0.5))}, mean ${num(mean)}, standard deviation ${num(std)}).${extremes}`,
    action: extremes && (metric === 'MSE' || metric === 'RMSE')
      ? `${metric} squares errors, so those extremes weigh heavily on every candidate's score; if they are errors, fix them, or choose MAE, which weighs them less.`
      : `Autopilot judges candidates by ${metric} on this target as it is.`,
  };
}

/** Findings about the rows and the target. */
export function tableFindings(t: TableFacts): Finding[] {
  const out: Finding[] = [];
  const { problem, rows } = t;
  if (t.rowsWithTarget < SAGEMAKER_MIN_ROWS) {
    out.push({ kind: 'few-rows', severity: 'info', value: t.rowsWithTarget, detail: { sageMakerMinimum: SAGEMAKER_MIN_ROWS }, message: `The data has ${t.rowsWithTarget} rows with a target, fewer than the ${SAGEMAKER_MIN_ROWS} SageMaker Autopilot requires.`, action: 'Autopilot runs, but with this few rows the validation scores vary a lot from one split to another; compare candidates by more than their first decimal.' });
  }
  const unlabelled = rows - t.rowsWithTarget;
  if (unlabelled > 0) {
    out.push({ kind: 'target-missing', column: problem.target, severity: unlabelled / rows >= MISSING_WARN_SHARE ? 'warning' : 'info', value: unlabelled / rows, detail: { rows: unlabelled }, message: `Target ${q(problem.target)} is missing in ${unlabelled} of ${rows} rows (${pct(unlabelled / rows)}).`, action: 'Autopilot leaves those rows out of training and evaluation; they can be scored with the best candidate afterwards.' });
  }
  out.push(...(problem.problemType === 'Regression' ? [regressionFinding(t)] : classFindings(t)));
  if (t.duplicateRows > 0) {
    const share = t.duplicateRows / rows;
    out.push({ kind: 'duplicate-rows', severity: share >= DUPLICATE_ROWS_WARN_SHARE ? 'warning' : 'info', value: t.duplicateRows, detail: { share }, message: `${t.duplicateRows} row${t.duplicateRows > 1 ? 's repeat' : ' repeats'} an earlier row exactly (${pct(share)} of the rows).`, action: 'Autopilot keeps them, as they may be real repeat events. If they are double entries, remove them: copies can land in both the training and the validation fold and make scores look better than they are.' });
  }
  return out;
}
