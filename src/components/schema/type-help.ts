import type { SemanticType } from '../../lib/data/types.ts';

/** One line per semantic type, shown beside the type picker. */
export const TYPE_HELP: Record<SemanticType, string> = {
  integer: 'Whole numbers with an order and a scale (counts, years).',
  float: 'Real numbers (measurements, prices).',
  boolean: 'Two values: true/false, yes/no, 0/1.',
  categorical: 'A small set of labels; numbers here are codes, not amounts.',
  datetime: 'Dates and times; profiled on a time axis.',
  text: 'Free text: many distinct values, not used as categories.',
  id: 'A unique key per row; models should ignore it.',
};

/**
 * How a column's type is inferred, one sentence per rule, in the order they are tried
 * (src/lib/profile/infer-type.ts; each rule has a test in tests/unit/profile/infer-type.test.ts).
 */
export const INFERENCE_RULES: readonly string[] = [
  'Dates and times the loader recognised (2024-01-31, 01/31/2024, 31/01/2024, Jun 12 1998, 2015/01/01 01:00:00) are datetime.',
  'True/false cells, two flag words (yes/no, Y/N, t/f), and numbers that are only 0 and 1 are boolean.',
  'Numbers with any fraction are float, whole numbers are integer.',
  'Whole numbers all different, in a column named id, *_id, *Id, uuid or key, are id.',
  'Text with a different value in nearly every row (95% or more, at least 20 rows) is id when each value is one short word, and text when values have spaces (titles, names).',
  'Text with at most 20 values, or at most 5% as many as rows, is categorical.',
  'Other text is text when values are long (over 30 characters on average) or wordy (3 or more spaces), else categorical.',
];
