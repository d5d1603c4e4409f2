// Model Monitor's model quality statistics.json for one dataset (a baseline or a monitoring window): the
// metrics of the problem type, each with its standard deviation. The developer guide ("Model quality
// metrics") says the standard deviation is given only from 200 rows up, computed by "randomly sampling 80%
// of the data five times, computing the metric, and taking the standard deviation for those results";
// below that it is "NaN". Here the five subsamples are drawn without replacement from a seeded generator
// and the standard deviation is the sample one (n − 1), as Spark's stddev; SageMaker's own draws cannot be
// reproduced, so these agree with it in meaning, not digit for digit. Constraints and checks are in
// quality-constraints.ts.
import { SeededRandom } from '../ml/random.ts';
import { binaryConfusion, binaryMetrics, checkBinary } from './quality-binary.ts';
import { checkMulticlass, classesOf, multiclassConfusion, multiclassMetrics, type Label } from './quality-multiclass.ts';
import { checkRegression, regressionMetrics } from './quality-regression.ts';
import { SECTION, type MetricsSection, type ModelQualityStatistics, type PointMetrics, type ProblemType } from './quality-types.ts';

export type { ModelQualityStatistics, ProblemType } from './quality-types.ts';
export { suggestModelQualityConstraints, checkModelQuality } from './quality-constraints.ts';

/** Fewest rows for which standard deviations are computed (Model Monitor's rule). */
export const STD_MIN_ROWS = 200;
/** Subsamples drawn for a standard deviation, and the share of the rows each holds. */
export const STD_SUBSAMPLES = 5;
export const STD_FRACTION = 0.8;

export interface ModelQualityInput {
  problemType: ProblemType;
  /** Ground truth: numbers for regression, 0/1 for binary classification, any labels for multiclass. */
  actual: ArrayLike<number> | ArrayLike<Label>;
  /** Predictions, in the same form as `actual`. */
  predicted: ArrayLike<number> | ArrayLike<Label>;
  /** Binary classification only: the probability of class 1, for auc; defaults to none (auc of the predicted labels). */
  probability?: ArrayLike<number>;
}

export interface ModelQualityOptions {
  /** Seed of the subsampling behind standard deviations; defaults to 0. */
  seed?: number;
  /** Multiclass only: the class the best constant classifier predicts; defaults to the least frequent actual class. */
  constantClass?: Label;
}

function subsample(rng: SeededRandom, n: number): Uint32Array {
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const k = Math.round(STD_FRACTION * n);
  for (let i = 0; i < k; i++) {
    const j = i + rng.nextInt(n - i);
    const t = idx[i]; idx[i] = idx[j]; idx[j] = t;
  }
  return idx.slice(0, k);
}

function sampleStd(xs: number[]): number {
  if (xs.some((x) => Number.isNaN(x))) return NaN;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
}

const json = (x: number): number | 'NaN' => (Number.isNaN(x) ? 'NaN' : x);

/** statistics.json of the model quality job for one dataset. Throws naming the argument on bad input. */
export function modelQualityStatistics(input: ModelQualityInput, options: ModelQualityOptions = {}): ModelQualityStatistics {
  const { problemType } = input;
  if (!(problemType in SECTION)) throw new RangeError(`modelQualityStatistics: 'problemType' must be Regression, BinaryClassification or MulticlassClassification, got ${String(problemType)}`);
  let point: (rows?: ArrayLike<number>) => PointMetrics;
  const section: MetricsSection = {};
  if (problemType === 'Regression') {
    const a = input.actual as ArrayLike<number>, p = input.predicted as ArrayLike<number>;
    checkRegression(a, p);
    point = (rows) => regressionMetrics(a, p, rows);
  } else if (problemType === 'BinaryClassification') {
    const a = input.actual as ArrayLike<number>, p = input.predicted as ArrayLike<number>;
    checkBinary(a, p, input.probability);
    section.confusion_matrix = binaryConfusion(a, p);
    point = (rows) => binaryMetrics(a, p, input.probability, rows);
  } else {
    const a = input.actual as ArrayLike<Label>, p = input.predicted as ArrayLike<Label>;
    checkMulticlass(a, p);
    const classes = classesOf(a, p);
    if (options.constantClass !== undefined && !classes.some((c) => String(c) === String(options.constantClass))) {
      throw new RangeError(`modelQualityStatistics: 'constantClass' ${JSON.stringify(options.constantClass)} is not one of the classes ${JSON.stringify(classes)}`);
    }
    section.confusion_matrix = multiclassConfusion(a, p, classes);
    point = (rows) => multiclassMetrics(a, p, classes, options.constantClass, rows);
  }
  const n = input.actual.length;
  const full = point();
  const draws: PointMetrics[] = [];
  if (n >= STD_MIN_ROWS) {
    const rng = new SeededRandom(options.seed ?? 0);
    for (let s = 0; s < STD_SUBSAMPLES; s++) draws.push(point(subsample(rng, n)));
  }
  for (const [name, value] of Object.entries(full)) {
    section[name] = { value: json(value), standard_deviation: draws.length ? json(sampleStd(draws.map((d) => d[name]))) : 'NaN' };
  }
  return { version: 0, dataset: { item_count: n }, [SECTION[problemType].metrics]: section };
}
