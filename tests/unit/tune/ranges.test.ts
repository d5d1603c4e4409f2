import { describe, expect, it } from 'vitest';
import { getAlgorithm } from '../../../src/lib/ml/registry.ts';
import { fromUnit, gridSize, searchSpace, toUnit, type SearchDimension } from '../../../src/lib/tune/ranges.ts';

const xgb = getAlgorithm('xgboost').schema;
const one = (ranges: Parameters<typeof searchSpace>[1]) => searchSpace(xgb, ranges)[0];

describe('ranges: scaling to and from [0, 1]', () => {
  it('Linear, Logarithmic and ReverseLogarithmic continuous ranges round-trip within 1e-12 and hit their ends', () => {
    for (const ScalingType of ['Linear', 'Logarithmic', 'ReverseLogarithmic', 'Auto'] as const) {
      const d = one({ ContinuousParameterRanges: [{ Name: 'subsample', MinValue: 0.1, MaxValue: 0.99, ScalingType }] });
      for (const u of [0, 0.13, 0.5, 0.77, 1]) expect(Math.abs(toUnit(d, fromUnit(d, u)) - u)).toBeLessThan(1e-12);
      expect(fromUnit(d, 0)).toBeCloseTo(0.1, 12);
      expect(fromUnit(d, 1)).toBeCloseTo(0.99, 12);
    }
  });

  it('Logarithmic puts the midpoint at the geometric mean; ReverseLogarithmic is dense near 1; Auto is Linear', () => {
    const log = one({ ContinuousParameterRanges: [{ Name: 'eta', MinValue: 0.001, MaxValue: 0.1, ScalingType: 'Logarithmic' }] });
    expect(fromUnit(log, 0.5) as number).toBeCloseTo(0.01, 12);
    const rev = one({ ContinuousParameterRanges: [{ Name: 'subsample', MinValue: 0.9, MaxValue: 0.999, ScalingType: 'ReverseLogarithmic' }] });
    // 1 − x is log-uniform: the midpoint has 1 − x = sqrt(0.1 × 0.001) = 0.01.
    expect(fromUnit(rev, 0.5) as number).toBeCloseTo(0.99, 12);
    const auto = one({ ContinuousParameterRanges: [{ Name: 'eta', MinValue: 0.1, MaxValue: 0.5 }] });
    expect(auto).toMatchObject({ scaling: 'Linear' });
    expect(fromUnit(auto, 0.25) as number).toBeCloseTo(0.2, 12);
  });

  it('an integer range maps every integer back to itself and gives each an equal share of [0, 1]', () => {
    const d = one({ IntegerParameterRanges: [{ Name: 'max_depth', MinValue: 2, MaxValue: 6 }] });
    for (let k = 2; k <= 6; k++) expect(fromUnit(d, toUnit(d, k))).toBe(k);
    const counts = new Map<number, number>();
    for (let i = 0; i < 1000; i++) { const v = fromUnit(d, (i + 0.5) / 1000) as number; counts.set(v, (counts.get(v) ?? 0) + 1); }
    expect([...counts.values()]).toEqual([200, 200, 200, 200, 200]);
    const log = one({ IntegerParameterRanges: [{ Name: 'num_round', MinValue: 1, MaxValue: 1000, ScalingType: 'Logarithmic' }] });
    for (const k of [1, 7, 100, 1000]) expect(fromUnit(log, toUnit(log, k))).toBe(k);
  });

  it('a categorical range maps each value to its own cell and back', () => {
    const d = one({ CategoricalParameterRanges: [{ Name: 'grow_policy', Values: ['depthwise', 'lossguide'] }] });
    for (const v of ['depthwise', 'lossguide']) expect(fromUnit(d, toUnit(d, v))).toBe(v);
    expect(gridSize([d, d] as SearchDimension[])).toBe(4);
  });
});

describe('ranges: validation against the schema', () => {
  const refuse = (ranges: Parameters<typeof searchSpace>[1]) => () => searchSpace(xgb, ranges);
  it('names an unknown hyperparameter and lists the tunable ones', () => {
    expect(refuse({ ContinuousParameterRanges: [{ Name: 'etaa', MinValue: 0.1, MaxValue: 0.2 }] })).toThrow(/cannot tune "etaa": the algorithm has no such hyperparameter; tunable ones are num_round, objective/);
  });
  it('refuses a range outside the valid range, naming it', () => {
    expect(refuse({ ContinuousParameterRanges: [{ Name: 'eta', MinValue: 0.1, MaxValue: 2 }] })).toThrow('the range 0.1:2 of eta leaves its valid range (0, 1]; choose bounds inside it');
  });
  it('refuses a log range that includes 0', () => {
    expect(refuse({ ContinuousParameterRanges: [{ Name: 'gamma', MinValue: 0, MaxValue: 5, ScalingType: 'Logarithmic' }] }))
      .toThrow('a logarithmic range needs values > 0, but the range of gamma (0:5) includes 0; raise MinValue above 0 or use Linear scaling');
  });
  it('refuses fractional integer bounds, a reverse-log integer range and a reverse-log range reaching 1', () => {
    expect(refuse({ IntegerParameterRanges: [{ Name: 'max_depth', MinValue: 2.5, MaxValue: 6 }] })).toThrow('the integer range of max_depth needs whole-number bounds; got 2.5:6');
    expect(refuse({ IntegerParameterRanges: [{ Name: 'max_depth', MinValue: 2, MaxValue: 6, ScalingType: 'ReverseLogarithmic' }] })).toThrow(/ReverseLogarithmic scaling is for continuous ranges only/);
    expect(refuse({ ContinuousParameterRanges: [{ Name: 'subsample', MinValue: 0.5, MaxValue: 1, ScalingType: 'ReverseLogarithmic' }] })).toThrow(/must lie within 0 <= x < 1, but the range of subsample is 0.5:1/);
  });
  it('refuses categorical values the schema refuses, a continuous range on an integer, and a name given twice', () => {
    expect(refuse({ CategoricalParameterRanges: [{ Name: 'grow_policy', Values: ['depthwise', 'leafwise'] }] })).toThrow(/the categorical range of grow_policy has a value the algorithm refuses: grow_policy must be one of depthwise, lossguide; got "leafwise"/);
    expect(refuse({ ContinuousParameterRanges: [{ Name: 'max_depth', MinValue: 1, MaxValue: 5 }] })).toThrow('max_depth is an integer hyperparameter: give it as an IntegerParameterRange, not in ContinuousParameterRanges');
    expect(refuse({ ContinuousParameterRanges: [{ Name: 'eta', MinValue: 0.1, MaxValue: 0.2 }], CategoricalParameterRanges: [{ Name: 'learning_rate', Values: ['0.3'] }] })).toThrow('eta has more than one range; give it one');
    expect(refuse({})).toThrow(/at least one hyperparameter range/);
  });
});
