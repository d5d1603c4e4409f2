// SageMaker's early stopping (TrainingJobEarlyStoppingType Auto): after each round, a trial whose objective
// is worse than the median of the earlier trials' running averages of the objective up to the same round
// is stopped. Losses here: lower is better (a Maximize objective arrives negated).

/** Earlier trials that must have reached a round before the rule judges it; mlpad's choice (SageMaker does not publish one; Ray's median rule also waits for 3). */
export const MIN_EARLIER_TRIALS = 3;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Whether a trial with loss `loss` at 0-based round `step` should stop, given `earlier` (each earlier
 * trial's loss per round; missing rounds are undefined).
 */
export function medianRuleStops(loss: number, step: number, earlier: readonly (readonly (number | undefined)[])[], minTrials = MIN_EARLIER_TRIALS): boolean {
  const averages: number[] = [];
  for (const losses of earlier) {
    if (losses.length <= step) continue;
    let sum = 0, count = 0;
    for (let s = 0; s <= step; s++) {
      const v = losses[s];
      if (v !== undefined && Number.isFinite(v)) { sum += v; count++; }
    }
    if (count > 0 && losses[step] !== undefined) averages.push(sum / count);
  }
  if (averages.length < minTrials) return false;
  return !(loss <= median(averages));
}
