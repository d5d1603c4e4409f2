import { describe, expect, it } from 'vitest';
import { dependencePoints, globalRanking, jitter, swarmDots, valueLabel, waterfall, type ShapView } from '../../../../src/components/clarify/shap-views.ts';

// 3 rows × 2 labels × 4 features, values chosen so each row's sum is known.
const features = ['a', 'b', 'c', 'd'];
const labels = ['no', 'yes'];
const rows = 3;
const values = new Float64Array(rows * 2 * 4);
for (let i = 0; i < rows; i++) for (let o = 0; o < 2; o++) for (let j = 0; j < 4; j++) values[(i * 2 + o) * 4 + j] = (o ? 1 : -1) * (j + 1) * (i + 1) * (j === 2 ? -0.5 : 0.1);
const run: ShapView = {
  features, labels, rows, values,
  expectedValue: Float64Array.from([0.25, -1.5]),
  global: Float64Array.from([0.1, 0.4, 0.3, 0.2, 0.5, -0.9, 0.05, 0.2]),
  data: Float32Array.from([1, 10, NaN, 0, 2, 20, 5, 0, 3, 30, 7, 0]),
  valueText: ['1', '10', '', 'x', '2', '20', '5', 'x', '3', '30', '7', 'x'],
};

describe('SHAP chart data', () => {
  it('globalRanking sorts the label\'s features by magnitude', () => {
    expect(globalRanking(run, 0).map((f) => f.feature)).toEqual(['b', 'c', 'd', 'a']);
    expect(globalRanking(run, 1).map((f) => [f.feature, f.value])).toEqual([['b', -0.9], ['a', 0.5], ['d', 0.2], ['c', 0.05]]);
  });

  it('waterfall goes from the expected value to expected + the row\'s contributions, the rest summed in one bar', () => {
    const w = waterfall(run, 1, 2, 3);
    let sum = 0;
    for (let j = 0; j < 4; j++) sum += values[(2 * 2 + 1) * 4 + j];
    expect(w.expected).toBe(-1.5);
    expect(w.output).toBeCloseTo(-1.5 + sum, 12);
    expect(w.bars).toHaveLength(3);
    expect(w.bars[0].name).toBe('c = 7');
    expect(w.bars[2].name).toBe('2 other features');
    expect(w.bars.reduce((s, b) => s + b.value, 0)).toBeCloseTo(sum, 12);
    expect(w.bars[0].start).toBe(-1.5);
    for (let k = 1; k < 3; k++) expect(w.bars[k].start).toBe(w.bars[k - 1].end);
    expect(waterfall(run, 0, 0).bars.find((b) => b.name.startsWith('c'))?.name).toBe('c = missing');
  });

  it('swarmDots gives one dot per row and feature, scaled within each column, with fixed jitter', () => {
    const dots = swarmDots(run, 0, [1, 2, 3]);
    expect(dots).toHaveLength(9);
    expect(dots.filter((d) => d.band === 0).map((d) => d.level)).toEqual([0, 0.5, 1]);
    expect(dots.filter((d) => d.band === 1).map((d) => d.level)).toEqual([NaN, 0, 1]);
    expect(dots.filter((d) => d.band === 2).every((d) => Number.isNaN(d.level))).toBe(true);
    expect(dots[4].shap).toBe(values[(1 * 2 + 0) * 4 + 2]);
    expect(swarmDots(run, 0, [1, 2, 3])).toEqual(dots);
  });

  it('jitter stays in [-1, 1] and spreads', () => {
    const js = Array.from({ length: 2000 }, (_, i) => jitter(i, 3));
    expect(Math.min(...js)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...js)).toBeLessThanOrEqual(1);
    const mean = js.reduce((s, v) => s + v, 0) / js.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(js.filter((v) => v > 0.5).length).toBeGreaterThan(400);
  });

  it('valueLabel shows float32 noise as 7 significant digits and leaves names alone', () => {
    expect(valueLabel('0.39399999380111694')).toBe('0.394');
    expect(valueLabel('17500')).toBe('17500');
    expect(valueLabel('-1.5e-7')).toBe('-1.5e-7');
    expect(valueLabel('home_improvement')).toBe('home_improvement');
    expect(valueLabel('1st')).toBe('1st');
    expect(valueLabel('')).toBe('missing');
  });

  it('dependencePoints leaves out missing values', () => {
    expect(dependencePoints(run, 1, 2).map((p) => [p.row, p.x, p.text])).toEqual([[1, 5, '5'], [2, 7, '7']]);
  });
});
