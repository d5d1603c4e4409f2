import { describe, expect, it } from 'vitest';
import { fairness, formatMetric } from '../../../../src/components/clarify/metric-format.ts';

describe('formatMetric', () => {
  it('formatMetric shows 3 significant digits, ∞ for Infinity and "undefined" for null, never NaN', () => {
    expect(formatMetric(0.123456)).toBe('0.123');
    expect(formatMetric(-0.0456789)).toBe('−0.0457');
    expect(formatMetric(1.5)).toBe('1.5');
    expect(formatMetric(12345)).toBe('12,300');
    expect(formatMetric(0.000123456)).toBe('1.23e−4');
    expect(formatMetric(0)).toBe('0');
    expect(formatMetric('Infinity')).toBe('∞');
    expect(formatMetric('-Infinity')).toBe('−∞');
    expect(formatMetric(null)).toBe('undefined');
    expect(formatMetric(NaN)).toBe('undefined');
  });
});

describe('fairness', () => {
  it('fairness bands |v| at 0.1 and 0.3 around 0, and around 1 for DI', () => {
    expect(fairness('DPL', 0.05)).toBe('fair');
    expect(fairness('DPL', -0.05)).toBe('fair');
    expect(fairness('DPL', 0.1)).toBe('caution');
    expect(fairness('DPL', -0.29)).toBe('caution');
    expect(fairness('DPL', 0.3)).toBe('far');
    expect(fairness('DI', 0.95)).toBe('fair');
    expect(fairness('DI', 0.75)).toBe('caution');
    expect(fairness('DI', 0.05)).toBe('far');
    expect(fairness('DI', 'Infinity')).toBe('far');
    expect(fairness('CI', null)).toBe('undefined');
  });
});
