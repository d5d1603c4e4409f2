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
