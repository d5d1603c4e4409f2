// Autopilot's choice of encoding per column (PrepareOptions.preprocessing 'autopilot'), named as the data
// exploration report's treatments (autopilot/findings.ts): numbers stay numbers ('scaled' when asked),
// booleans 0/1, datetimes become date parts, categories one-hot up to MAX_ONE_HOT and target-encoded above
// (ordinal by frequency when there is no target), free text hashed n-grams. Everything fitted (date parts
// that vary, scaling, target statistics) is fitted on the training rows only.
import type { Vector } from 'apache-arrow';
import type { SemanticType } from '../../data/types.ts';
import { textColumn } from './column-values.ts';
import { epochMs, fitDateParts } from './date-parts.ts';
import { fitColumnEncoding, numericValues, type EncodeOptions } from './encode-columns.ts';
import { DEFAULT_NGRAM_BUCKETS } from './hashed-ngrams.ts';
import { fitScaled } from './scale.ts';
import { fitTargetEncoding, type TargetSpec } from './target-encoding.ts';
import type { ColumnEncoding } from './types.ts';

/** What fitting needs beyond the column: the training rows, the target, and the options. */
export interface FitContext {
  /** Training rows (table row indices). */
  rows: Uint32Array;
  /** Labels per table row (class index or value); absent without a target. */
  labels?: Float32Array;
  /** The target's task and classes; absent without a target. */
  target?: TargetSpec;
  /** Standardize numeric columns; defaults to false. */
  scale?: boolean;
  /** Buckets per text column; defaults to DEFAULT_NGRAM_BUCKETS. */
  ngramBuckets?: number;
  /** Term-frequency n-gram features; defaults to false. */
  ngramTf?: boolean;
  /** PrepareOptions.categorical: 'one-hot' keeps every category one-hot (sparse models). */
  categorical?: 'one-hot';
}

/** `enc`, standardized when `ctx.scale` asks and it is numeric. */
export function maybeScaled(enc: ColumnEncoding, column: Vector, ctx: FitContext, options: EncodeOptions = {}): ColumnEncoding {
  if (!ctx.scale || enc.kind !== 'numeric') return enc;
  return fitScaled(enc.name, numericValues(column, enc.name, options), ctx.rows);
}

/** The autopilot encoding of column `name` with semantic type `type` (see the file comment). */
export function fitAutopilotEncoding(column: Vector, name: string, type: SemanticType, typeGiven: boolean, ctx: FitContext): ColumnEncoding {
  switch (type) {
    case 'integer': case 'float': case 'boolean':
      return maybeScaled(fitColumnEncoding(column, name, type, typeGiven), column, ctx, { invalidNumbers: 'missing' });
    case 'datetime': return fitDateParts(name, epochMs(column), ctx.rows);
    case 'text': return { name, kind: 'hashed-ngrams', buckets: ctx.ngramBuckets ?? DEFAULT_NGRAM_BUCKETS, tf: ctx.ngramTf ?? false };
    default: break;
  }
  const base = fitColumnEncoding(column, name, type, typeGiven, ctx.categorical);
  if (base.kind === 'numeric') return maybeScaled(base, column, ctx, { invalidNumbers: 'missing' });
  if (base.kind === 'ordinal' && ctx.labels && ctx.target) return fitTargetEncoding(name, textColumn(column), ctx.labels, ctx.rows, ctx.target);
  return base;
}
