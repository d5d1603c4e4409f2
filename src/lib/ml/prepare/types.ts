import type { SemanticType } from '../../data/types.ts';
import type { FitData } from '../matrix.ts';

/** Learning task, inferred from the target column unless given. */
export type Task = 'binary' | 'multiclass' | 'regression';

/** How rows are divided into train / validation / test. */
export type SplitMethod = 'random' | 'stratified' | 'time';

export interface SplitOptions {
  /** 'stratified' keeps class proportions; 'time' puts the latest rows last; defaults to 'stratified' for classification, else 'random'. */
  method?: SplitMethod;
  /** Share of rows held out for validation (early stopping, learning curves); defaults to 0.2. */
  validationFraction?: number;
  /** Share of rows held out for a final test; defaults to 0. */
  testFraction?: number;
  /** Column ordering rows for method 'time'; required then. */
  timeColumn?: string;
  /** Seed of the shuffle; defaults to 0. */
  seed?: number;
}

export interface PrepareOptions {
  /** Column to predict; defaults to none (unsupervised jobs: every row is kept, nothing is labelled). */
  target?: string;
  /** Task; defaults to inference (2 classes → binary, ≤ 50 distinct non-numeric or integer-coded classes → multiclass, else regression). */
  task?: Task;
  /** Feature columns; defaults to every column but the target and those typed id or text. */
  features?: string[];
  /** Label of the positive class of a binary task; defaults to the second label in sorted order. */
  positiveLabel?: string;
  /** Semantic type per column (the studio's overrides applied); defaults to inference. */
  types?: Record<string, SemanticType>;
  /** How to split; defaults as in SplitOptions. */
  split?: SplitOptions;
  /** Text that is not a number in a numeric column: 'missing' reads it as missing (with a note), 'error' refuses; defaults to 'missing'. */
  invalidNumbers?: 'missing' | 'error';
  /** 'one-hot' encodes every categorical column one-hot whatever its cardinality, missing cells as all 0 (factorization machines); defaults to one-hot up to MAX_ONE_HOT categories, frequency ranks above. */
  categorical?: 'one-hot';
  /**
   * 'autopilot' chooses per column: numbers as they are (standardized with `scale`), booleans 0/1, datetimes as
   * date parts, ≤ MAX_ONE_HOT categories one-hot, more target-encoded (ordinal without a target), text
   * (semantic type 'text') as hashed n-grams, ids dropped; defaults to 'default' (numbers, booleans, epoch
   * seconds, one-hot or frequency ranks; text and id columns left out).
   */
  preprocessing?: Preprocessing;
  /** Standardizes numeric columns with their training rows' mean and standard deviation (linear models, MLP, k-NN); defaults to false. */
  scale?: boolean;
  /** Buckets of hashed n-gram features per text column (preprocessing 'autopilot'); defaults to DEFAULT_NGRAM_BUCKETS (64). */
  ngramBuckets?: number;
  /** Divides a text's n-gram counts by its number of n-grams (term frequency); defaults to false (raw counts). */
  ngramTf?: boolean;
}

/** How columns are chosen and encoded: see PrepareOptions.preprocessing. */
export type Preprocessing = 'default' | 'autopilot';

/** A date part that a 'date-parts' column can produce (UTC): month 1–12, day 1–31, weekday 0 (Sunday)–6, hour 0–23. */
export type DatePart = 'year' | 'month' | 'day' | 'weekday' | 'hour';

/** How one source column becomes model features; saved with the model so prediction encodes alike. */
export type ColumnEncoding =
  | { name: string; kind: 'numeric' }
  /** true/yes/y/t/1 → 1, false/no/n/f/0 → 0, anything else → NaN. */
  | { name: string; kind: 'boolean' }
  /** Seconds since 1970-01-01 UTC (float32 keeps 128-second steps for dates in the 2020s; ms would not fit better). */
  | { name: string; kind: 'datetime' }
  /**
   * Categories as one 0/1 feature each (`name=value`); an unseen category → all 0; a missing cell → all NaN,
   * or all 0 with `missingAsZero` (sparse models, where "no category" is the natural reading).
   */
  | { name: string; kind: 'one-hot'; categories: string[]; missingAsZero?: boolean }
  /** High-cardinality categories: one feature holding the category's rank by frequency; unseen → NaN. */
  | { name: string; kind: 'ordinal'; categories: string[] }
  /**
   * High-cardinality categories as the m-estimate of the target per category (target-encoding.ts):
   * `values[k * outputs + o]` for category k, output o (binary: the positive class's share; regression: the
   * mean; multiclass: one output per class in `classes`, its share); unseen and missing → `prior` (one number
   * per output). One feature `name`, or one per class (`name.class`) for multiclass; `smoothing` is the m.
   */
  | { name: string; kind: 'target-encoding'; categories: string[]; values: number[]; prior: number[]; smoothing: number; classes?: string[] }
  /** A datetime's UTC parts (date-parts.ts), one feature each (`name.year` …); missing → NaN. */
  | { name: string; kind: 'date-parts'; parts: DatePart[] }
  /** Word 1- and 2-gram counts hashed into `buckets` features (`name#0` …, hashed-ngrams.ts); missing → all 0. */
  | { name: string; kind: 'hashed-ngrams'; buckets: number; tf: boolean }
  /** A number standardized: (x − mean) / std, from the training rows (std 0 → 1); missing → NaN. */
  | { name: string; kind: 'scaled'; mean: number; std: number };

/** The kinds of ColumnEncoding. */
export type ColumnEncodingKind = ColumnEncoding['kind'];

/** Everything needed to turn a table into the model's feature matrix and labels, and back. */
export interface FeatureEncoding {
  columns: ColumnEncoding[];
  /** Names of the resulting numeric features, in matrix order. */
  featureNames: string[];
  /** The target column; absent for unsupervised models. */
  target?: string;
  /** The task of the target; absent without a target. */
  task?: Task;
  /** Class labels in index order (classification only); for binary, index 1 is the positive class. */
  classes?: string[];
  /** Per feature, the training mean that replaces a missing value (algorithms without missing-value support); absent when missing values pass through. */
  impute?: number[];
}

export interface PreparedData {
  train: FitData;
  validation?: FitData;
  test?: FitData;
  /** The table rows (0-based) of each part, in the parts' row order. */
  rows: { train: Uint32Array; validation?: Uint32Array; test?: Uint32Array };
  encoding: FeatureEncoding;
  /** Rows dropped because the target was missing. */
  droppedMissingTarget: number;
  /** Columns typed id (row keys), which predictions carry so they join back to the source rows. */
  idColumns: string[];
  /** Sentences for the user, e.g. "12 rows with a missing target were dropped". */
  notes: string[];
}
