import { describe, expect, it } from 'vitest';
import { gainGivenWeight, leafWeight, nodeGain, splitLossChange, thresholdL1, type GainParams } from '../../../../src/lib/ml/xgboost/split-gain.ts';

const base: GainParams = { lambda: 1, alpha: 0, minChildWeight: 1, maxDeltaStep: 0 };
const TOL = 1e-6; // float32 results compared with relative 1e-6

describe('XGBoost split gain and leaf weight (hand-computed)', () => {
  it('leafWeight is -G/(H+lambda)', () => {
    // G = 4, H = 3, lambda = 1 → -4/4 = -1
    expect(leafWeight(base, 4, 3)).toBe(-1);
    // G = -6, H = 2, lambda = 2 → 6/4 = 1.5
    expect(leafWeight({ ...base, lambda: 2 }, -6, 2)).toBe(1.5);
  });

  it('leafWeight soft-thresholds G by alpha', () => {
    expect(thresholdL1(5, 2)).toBe(3);
    expect(thresholdL1(-5, 2)).toBe(-3);
    expect(thresholdL1(1.5, 2)).toBe(0);
    // G = 5, alpha = 2, H = 3, lambda = 1 → -(5-2)/4 = -0.75
    expect(leafWeight({ ...base, alpha: 2 }, 5, 3)).toBe(-0.75);
    expect(Math.abs(leafWeight({ ...base, alpha: 10 }, 5, 3))).toBe(0); // −0, as in XGBoost
  });

  it('leafWeight clips to ±max_delta_step and is 0 below min_child_weight', () => {
    // -G/(H+λ) = -10/2 = -5 → clipped to -0.7 (as float32)
    expect(leafWeight({ ...base, maxDeltaStep: 0.7 }, 10, 1)).toBe(Math.fround(-0.7));
    expect(leafWeight({ ...base, maxDeltaStep: 0.7 }, -10, 1)).toBe(Math.fround(0.7));
    expect(leafWeight({ ...base, minChildWeight: 5 }, 10, 4)).toBe(0);
    expect(leafWeight({ ...base, minChildWeight: 0 }, 10, 0)).toBe(0);
  });

  it('gain is T(G)²/(H+lambda) without max_delta_step, and -(2Gw+(H+λ)w²) with it', () => {
    expect(gainGivenWeight(base, 4, 3, -1)).toBe(4); // 16/4
    expect(gainGivenWeight({ ...base, alpha: 1 }, 4, 3, 0)).toBe(9 / 4); // (4-1)²/4
    // with max_delta_step the clipped weight is used: G = 10, H = 1, w = -0.7 → -(2·10·(-0.7) + 2·0.49) = 13.02
    const p = { ...base, maxDeltaStep: 0.7 };
    const w = leafWeight(p, 10, 1);
    expect(Math.abs(gainGivenWeight(p, 10, 1, w) - 13.02)).toBeLessThan(1e-6 * 13.02);
  });

  it('splitLossChange is gain(left) + gain(right) − gain(parent)', () => {
    // left (G=-4, H=3): 16/4 = 4; right (G=6, H=5): 36/6 = 6; parent (G=2, H=8): 4/9
    const parent = nodeGain(base, 2, 8);
    expect(Math.abs(parent - 4 / 9)).toBeLessThan(TOL);
    const loss = splitLossChange(base, -4, 3, 6, 5, parent);
    expect(Math.abs(loss - (10 - 4 / 9))).toBeLessThan(TOL * 10);
    expect(loss).toBe(Math.fround(loss)); // stored as float32, as XGBoost does
  });
});
