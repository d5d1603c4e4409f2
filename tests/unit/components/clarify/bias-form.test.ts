import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { biasJobConfig, type BiasFormValues } from '../../../../src/components/clarify/bias-form.ts';
import { choiceFor, columnChoice, midRange, toggled } from '../../../../src/components/clarify/column-choice.ts';

const n = 200;
const table = tableFromArrays({
  approved: Int32Array.from({ length: n }, (_, i) => i % 2),
  gender: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'female' : 'male')),
  income: Float64Array.from({ length: n }, (_, i) => 1000 + i * 10.5),
  age: Int32Array.from({ length: n }, (_, i) => 18 + i),
});

const form = (over: Partial<BiasFormValues>): BiasFormValues => ({
  label: 'approved', labelValues: ['1'], labelThreshold: '', facet: 'gender', facetValues: ['female'], facetThreshold: '',
  group: '', predicted: 'none', predictedColumn: '', ...over,
});

describe('columnChoice', () => {
  it('columnChoice lists the values of text and few-valued integer columns, and asks a threshold of floats and many-valued integers', () => {
    expect(columnChoice(table, 'approved')).toEqual({ kind: 'categorical', numeric: true, values: ['0', '1'], more: 0, range: [0, 1] });
    expect(columnChoice(table, 'gender')).toEqual({ kind: 'categorical', numeric: false, values: ['female', 'male'], more: 0, range: null });
    const income = columnChoice(table, 'income');
    expect(income.kind).toBe('continuous');
    expect(income.values).toEqual([]);
    expect(income.range).toEqual([1000, 1000 + 199 * 10.5]);
    expect(columnChoice(table, 'age').kind).toBe('continuous');
  });

  it('columnChoice(table, name, 1) lists one value and counts the rest', () => {
    const c = columnChoice(table, 'gender', 1);
    expect(c.values).toEqual(['female']);
    expect(c.more).toBe(1);
  });
});

describe('the form helpers the Clarify and Monitor bias forms share', () => {
  it('choiceFor gives null for no column, a column not in the table or no table, and columnChoice otherwise', () => {
    expect(choiceFor(table, '')).toBe(null);
    expect(choiceFor(table, 'nope')).toBe(null);
    expect(choiceFor(undefined, 'gender')).toBe(null);
    expect(choiceFor(table, 'gender')).toEqual(columnChoice(table, 'gender'));
  });

  it('midRange starts a threshold at the middle of the range, and is empty without one', () => {
    expect(midRange(columnChoice(table, 'income'))).toBe(String((1000 + 1000 + 199 * 10.5) / 2));
    expect(midRange(columnChoice(table, 'gender'))).toBe('');
    expect(midRange(null)).toBe('');
  });

  it('toggled ticks a value once, at the end, and unticks it', () => {
    expect(toggled(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(toggled(['a', 'b'], 'a', true)).toEqual(['b', 'a']);
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b']);
  });
});

describe('biasJobConfig', () => {
  const c = (name: string) => columnChoice(table, name);

  it('biasJobConfig sends ticked values as numbers for numeric columns and as text otherwise', () => {
    const r = biasJobConfig(form({ predicted: 'model' }), c('approved'), c('gender'));
    expect(r).toEqual({ ok: true, useModel: true, cfg: { label: 'approved', labelValuesOrThreshold: [1], facet: 'gender', facetValuesOrThreshold: ['female'] } });
  });

  it('biasJobConfig sends a typed threshold for continuous columns and leaves out an empty facet selection', () => {
    const r = biasJobConfig(form({ label: 'income', labelThreshold: ' 1500.5 ', facetValues: [], group: 'approved', predicted: 'column', predictedColumn: 'approved' }), c('income'), c('gender'));
    expect(r).toEqual({ ok: true, useModel: false, cfg: { label: 'income', labelValuesOrThreshold: [1500.5], facet: 'gender', group: 'approved', predictedLabel: 'approved' } });
    const f = biasJobConfig(form({ facet: 'age', facetThreshold: '40' }), c('approved'), c('age'));
    expect(f.ok && f.cfg.facetValuesOrThreshold).toEqual([40]);
  });

  it('biasJobConfig names the field to fix', () => {
    expect(biasJobConfig(form({ labelValues: [] }), c('approved'), c('gender'))).toEqual({ ok: false, field: 'label-values', message: 'Tick at least one positive value of approved.' });
    expect(biasJobConfig(form({ label: 'income', labelThreshold: 'abc' }), c('income'), c('gender'))).toEqual({ ok: false, field: 'label-threshold', message: 'The label threshold must be a number; got "abc".' });
    expect(biasJobConfig(form({ facet: 'age', facetThreshold: '' }), c('approved'), c('age'))).toMatchObject({ ok: false, field: 'facet-threshold' });
    expect(biasJobConfig(form({ facet: 'approved' }), c('approved'), c('approved'))).toMatchObject({ ok: false, field: 'facet' });
    expect(biasJobConfig(form({ predicted: 'column' }), c('approved'), c('gender'))).toMatchObject({ ok: false, field: 'predicted-column' });
  });
});
