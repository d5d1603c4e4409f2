// XGBoost's leaf weight and gain (src/tree/param.h and split_evaluator.h, v1.7). G and H are sums of
// gradients and hessians over a node's rows. Weights are float32 in XGBoost; gains are computed in
// double and rounded to float32 where XGBoost stores them, so that equal-gain ties break the same way.

/** The regularisation parameters the formulas use. */
export interface GainParams {
  /** L2 penalty on leaf weights (lambda); XGBoost default 1. */
  lambda: number;
  /** L1 penalty on leaf weights (alpha); default 0. */
  alpha: number;
  /** Minimum hessian sum of a child (min_child_weight); default 1. */
  minChildWeight: number;
  /** Largest absolute leaf weight before eta, 0 = unlimited (max_delta_step); default 0. */
  maxDeltaStep: number;
}

const f = Math.fround;

/** Soft-thresholds G by alpha (the L1 penalty). */
export function thresholdL1(g: number, alpha: number): number {
  if (g > alpha) return g - alpha;
  if (g < -alpha) return g + alpha;
  return 0;
}

/** Optimal leaf weight -T(G)/(H + lambda), clipped to ±max_delta_step; 0 below min_child_weight. */
export function leafWeight(p: GainParams, g: number, h: number): number {
  if (h < p.minChildWeight || h <= 0) return 0;
  let w = -thresholdL1(g, p.alpha) / (h + p.lambda);
  if (p.maxDeltaStep !== 0 && Math.abs(w) > p.maxDeltaStep) w = w < 0 ? -p.maxDeltaStep : p.maxDeltaStep;
  return f(w);
}

/** The loss reduction a node with sums (G, H) achieves at weight w: -(2Gw + (H + lambda)w²). */
export function gainGivenWeight(p: GainParams, g: number, h: number, w: number): number {
  if (h <= 0) return 0;
  if (p.maxDeltaStep === 0) {
    const t = thresholdL1(g, p.alpha);
    return (t * t) / (h + p.lambda);
  }
  return -(2 * g * w + (h + p.lambda) * w * w);
}

/** A node's own gain ("root_gain" in XGBoost), float32. */
export function nodeGain(p: GainParams, g: number, h: number): number {
  return f(gainGivenWeight(p, g, h, leafWeight(p, g, h)));
}

/**
 * The loss change of splitting a node with gain `parentGain` into (gl, hl) and (gr, hr), float32.
 * The caller checks min_child_weight on both sides.
 */
export function splitLossChange(p: GainParams, gl: number, hl: number, gr: number, hr: number, parentGain: number): number {
  const gain = f(gainGivenWeight(p, gl, hl, leafWeight(p, gl, hl)) + gainGivenWeight(p, gr, hr, leafWeight(p, gr, hr)));
  return f(gain - parentGain);
}
