import type { SemanticType } from '../data/types.ts';

/** One column of the schema: its storage type, the inferred meaning and the meaning in use. */
export interface ColumnSchema {
  name: string;
  /** Arrow type as text, e.g. 'Float64', 'Dictionary<Int32, Utf8>'. */
  arrowType: string;
  /** What inference decided. */
  inferred: SemanticType;
  /** What is in use: the user's override, else `inferred`. */
  type: SemanticType;
}

export interface QuantileValue {
  /** Probability in [0, 1]. */
  p: number;
  value: number;
}

/** Moments and order statistics over the non-missing values (std is the sample std, ddof = 1, like pandas). */
export interface NumericSummary {
  min: number;
  max: number;
  mean: number;
  std: number;
  /** At p = 0.05, 0.25, 0.5, 0.75, 0.95, linear interpolation (numpy's default). */
  quantiles: QuantileValue[];
}

export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
}

export interface TopKEntry {
  value: string;
  count: number;
}

export interface ColumnProfile {
  name: string;
  type: SemanticType;
  inferred: SemanticType;
  arrowType: string;
  /** Rows in the table. */
  count: number;
  /** Missing (null or NaN) cells. */
  missing: number;
  /** 100 * missing / count, 0 when the table is empty. */
  missingPct: number;
  /** Distinct non-missing values. */
  distinct: number;
  /** For integer, float and datetime (as epoch milliseconds) columns. */
  numeric?: NumericSummary;
  /** For integer, float and datetime columns: equal-width bins over [min, max]. */
  histogram?: HistogramBin[];
  /** For boolean, categorical, text and id columns: the most frequent values, most frequent first. */
  topK?: TopKEntry[];
  /** Non-missing cells not counted in `topK`. */
  otherCount?: number;
}

/** Pearson correlation over pairwise-complete rows (pandas' DataFrame.corr default); null where undefined. */
export interface CorrelationMatrix {
  columns: string[];
  values: (number | null)[][];
}

export interface DatasetProfile {
  rows: number;
  columns: ColumnProfile[];
  correlation: CorrelationMatrix;
}
