import { describe, expect, it } from 'vitest';
import { dateText, defaultBaselineDate, defaultQuality, parseDateText, sortBaselineFiles, timeColumnsOf } from '../../../../src/components/monitor/monitor-form.ts';
import type { ColumnSchema } from '../../../../src/lib/profile/types.ts';

const col = (name: string, type: ColumnSchema['type']): ColumnSchema => ({ name, arrowType: '', inferred: type, type });

describe('monitor setup defaults', () => {
  it('timeColumnsOf lists the columns typed datetime (the override counts, not the inference)', () => {
    expect(timeColumnsOf([col('when', 'datetime'), col('x', 'float'), { ...col('t', 'text'), type: 'datetime' }])).toEqual(['when', 't']);
    expect(timeColumnsOf([col('x', 'float')])).toEqual([]);
  });

  it('defaultBaselineDate(2024-01-01, 2024-12-31) is 2024-04-01: the first quarter', () => {
    expect(dateText(defaultBaselineDate(Date.UTC(2024, 0, 1), Date.UTC(2024, 11, 31)))).toBe('2024-04-01');
  });

  it('defaultBaselineDate keeps at least the first day, and names bad arguments', () => {
    const t = Date.UTC(2024, 4, 3, 15);
    expect(dateText(defaultBaselineDate(t, t))).toBe('2024-05-04');
    expect(dateText(defaultBaselineDate(t, t + 3_600_000))).toBe('2024-05-04');
    expect(() => defaultBaselineDate(5, 1)).toThrow('defaultBaselineDate: min and max must be finite with min ≤ max; got 5, 1');
    expect(() => defaultBaselineDate(NaN, 1)).toThrow(RangeError);
  });

  it('parseDateText reads YYYY-MM-DD as UTC midnight, anything else as NaN', () => {
    expect(parseDateText('2024-04-01')).toBe(Date.UTC(2024, 3, 1));
    expect(parseDateText('')).toBeNaN();
    expect(parseDateText('04/01/2024')).toBeNaN();
    expect(parseDateText('2024-13-45')).toBeNaN();
  });

  it('defaultQuality preselects approved / predicted / score as binary, and nothing without a pair', () => {
    expect(defaultQuality(['application_date', 'income', 'approved', 'score', 'predicted'])).toEqual({ problemType: 'BinaryClassification', actual: 'approved', predicted: 'predicted', probability: 'score' });
    expect(defaultQuality(['y', 'prediction'])).toEqual({ problemType: 'Regression', actual: 'y', predicted: 'prediction' });
    expect(defaultQuality(['Label', 'Predicted'])).toEqual({ problemType: 'Regression', actual: 'Label', predicted: 'Predicted' });
    expect(defaultQuality(['approved', 'income'])).toBeNull();
  });
});

describe('sortBaselineFiles', () => {
  const stats = { name: 'a.json', text: JSON.stringify({ version: 0, dataset: { item_count: 3 }, features: [] }) };
  const cons = { name: 'b.json', text: JSON.stringify({ version: 0, features: [], monitoring_config: {} }) };
  const mq = { name: 'c.json', text: JSON.stringify({ version: 0, binary_classification_constraints: {} }) };

  it('tells the files apart by content, in any order', () => {
    expect(sortBaselineFiles([cons, stats])).toEqual({ statistics: stats, constraints: cons });
    expect(sortBaselineFiles([mq, cons, stats])).toEqual({ statistics: stats, constraints: cons, quality: mq });
  });

  it('names the file that is not JSON, not a baseline file, or a second of a kind, and what is missing', () => {
    expect(() => sortBaselineFiles([{ name: 'x.json', text: '{oops' }, cons])).toThrow('x.json is not valid JSON; open the statistics.json and constraints.json a baseline job wrote.');
    expect(() => sortBaselineFiles([{ name: 'list.json', text: '[1,2]' }])).toThrow(/^list\.json is neither a statistics\.json/);
    expect(() => sortBaselineFiles([stats, { ...stats, name: 'd.json' }])).toThrow('d.json and a.json are both statistics.json files; open one of each.');
    expect(() => sortBaselineFiles([stats])).toThrow('The baseline needs its statistics.json and constraints.json; constraints.json is missing from the files opened.');
    expect(() => sortBaselineFiles([mq])).toThrow('statistics.json and constraints.json are missing');
  });
});
