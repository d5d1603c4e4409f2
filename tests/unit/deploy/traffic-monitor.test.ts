import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { trafficMonitor } from '../../../src/lib/deploy/traffic-monitor.ts';
import { mulberry32 as seeded } from '../../../src/lib/ml/random.ts';

// 2,000 rows: x ~ N(0, 1) for the first 1,600, shifted by +3 for the last 400; kind is a/b throughout.
function table() {
  const r = seeded(4);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const x = Float64Array.from({ length: 2000 }, (_, i) => normal() + (i >= 1600 ? 3 : 0));
  const kind = Array.from({ length: 2000 }, (_, i) => (i % 3 ? 'a' : 'b'));
  const other = Float64Array.from({ length: 2000 }, () => r());
  return tableFromArrays({ x, kind, other });
}

describe('trafficMonitor: the Model Monitor alarm of a traffic shift', () => {
  const t = table();
  const count = trafficMonitor(t, ['x', 'kind', 'missing_input']);

  it('rows spread over the whole dataset break no constraint of its baseline', () => {
    expect(count(Array.from({ length: 200 }, (_, k) => k * 10))).toBe(0);
  });

  it('rows from the shifted tail are a baseline drift on x', () => {
    expect(count(Array.from({ length: 200 }, (_, k) => 1800 + k))).toBeGreaterThanOrEqual(1);
  });

  it('an empty window counts nothing, and 400 rows spread evenly (with their share of the tail) count none', () => {
    expect(count([])).toBe(0);
    expect(count(Array.from({ length: 400 }, (_, k) => k * 5))).toBe(0);
  });
});
