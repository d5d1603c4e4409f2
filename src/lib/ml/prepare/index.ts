// Data preparation for training: a table to matrices and labels, the encoding saved with the model, and
// the same encoding applied to new data at prediction time.
export type * from './types.ts';
export { prepareTrainingData } from './prepare-training-data.ts';
export { encodeFeatures, encodeColumn, fillMissing, fitColumnEncoding, featureCountOf, featureNamesOf, MAX_ONE_HOT, type EncodeOptions, type InvalidNumbers } from './encode-columns.ts';
export { fitAutopilotEncoding, type FitContext } from './autopilot-encoding.ts';
export { fitTargetEncoding, outOfFoldTarget, targetFolds, TARGET_FOLDS, TARGET_SMOOTHING } from './target-encoding.ts';
export { DATE_PARTS, datePart, fitDateParts } from './date-parts.ts';
export { DEFAULT_NGRAM_BUCKETS, MAX_NGRAM_BUCKETS, fnv1a, ngramsOf, ngramVector } from './hashed-ngrams.ts';
export { fitScaled } from './scale.ts';
export { decodeLabels, encodeLabels, fitTarget, inferTask, sortLabels, MAX_INTEGER_CLASSES } from './labels.ts';
export { splitRows, type RowSplit, type SplitPlan } from './split.ts';
export { attachEncoding, attachEncodingToJson, readEncoding, encodingFromAttributes, ENCODING_ATTRIBUTE } from './model-encoding.ts';
export { PrepareError } from './errors.ts';
