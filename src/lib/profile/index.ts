// The profiling engine: type inference, schema overrides, column statistics and the table profile.
export type * from './types.ts';
export { inferSemanticType, looksLikeIdName, MIN_ROWS_FOR_TEXT_ID } from './infer-type.ts';
export { buildSchema, applyOverrides } from './schema.ts';
export { profileTable, TOP_K } from './profile-table.ts';
export { numericColumn, nonMissing, nonMissingInto, NumericWindows, parseDecimal, type NumericColumnOptions } from './numeric-column.ts';
export { valueCounts, type ValueCounts, type TextStats } from './value-counts.ts';
export { moments, compensatedSum, type Moments } from './moments.ts';
export { quantileSorted, PROFILE_QUANTILES } from './quantile.ts';
export { distinctSorted } from './distinct.ts';
export { histogramSorted, type HistogramOptions } from './histogram.ts';
export { topK, type TopK } from './top-k.ts';
export { pearsonMatrix, pearsonWindows, MAX_CORRELATION_COLUMNS, type ColumnWindowReader } from './correlation.ts';
export { parseIsoDate } from './iso-date.ts';
