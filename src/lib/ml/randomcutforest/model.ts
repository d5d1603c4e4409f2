// A trained Random Cut Forest: the trees, how rows become points (columns, shingle size), and the
// training score statistics behind the suggested threshold.
import type { CutForest } from './forest.ts';

export interface RandomCutForestModel {
  forest: CutForest;
  /** Feature columns the model reads. */
  nCols: number;
  /** Rows per shingle (1 = each row alone). */
  shingleSize: number;
  /** Mean of the training scores (over the training shingles). */
  scoreMean: number;
  /** Population standard deviation of the training scores. */
  scoreStd: number;
  /** Column names at training, when known; defaults to none. */
  featureNames?: string[];
  /** String attributes stored with the model (the feature encoding). */
  attributes: Record<string, string>;
}

/** SageMaker's suggested cut-off: scores above mean + 3 standard deviations of the training scores are anomalies. */
export function scoreThreshold(model: Pick<RandomCutForestModel, 'scoreMean' | 'scoreStd'>): number {
  return model.scoreMean + 3 * model.scoreStd;
}
