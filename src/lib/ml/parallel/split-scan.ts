// The split scan of one node's histogram (XGBoost 1.7's HistEvaluator without max_delta_step), as the serial
// evaluator (xgboost/evaluate-split.ts) and the histogram pool's threads run it. scanSplits runs inside the
// pool's workers too (histogram-kernel.ts's worker source text): self-contained, no closures over this module.

/** Doubles per split record (see scanSplits): loss change, feature, last left bin, default left (0/1), threshold, gl, hl, gr, hr. */
export const SPLIT_RECORD = 9;

/**
 * The best split of one node over features[k0, k1), scanned as XGBoost 1.7's HistEvaluator does without
 * max_delta_step (see xgboost/evaluate-split.ts, which calls it): bins forward with missing values going
 * right, then, where the node has missing values, backward with them going left. The node's histogram
 * starts at hist[base]; its sums are (G, H) and its own gain `nodeGain`; `lambda`, `alpha` and `mcw`
 * (min_child_weight) are the float32 parameters. Writes the record at out[o] (reset first: loss change 0,
 * feature 0, bin −1). A candidate replaces the best when its gain is larger, or equal with a lower
 * feature (SplitEntry::Update), so scanning blocks of features apart and keeping, in block order, each
 * block's record of larger gain gives the whole scan's record.
 */
export function scanSplits(
  hist: Float64Array, base: number, features: Int32Array, k0: number, k1: number,
  offs: Uint32Array, nBins: Uint32Array, cutPtrs: Uint32Array, cutValues: Float32Array, minValues: Float32Array, hasMissing: Uint8Array,
  G: number, H: number, nodeGain: number, lambda: number, alpha: number, mcw: number, out: Float64Array, o: number,
): void {
  const f = Math.fround;
  let bestLoss = 0, bestFeature = 0;
  out[o] = 0; out[o + 1] = 0; out[o + 2] = -1; out[o + 3] = 0; out[o + 4] = 0;
  out[o + 5] = 0; out[o + 6] = 0; out[o + 7] = 0; out[o + 8] = 0;
  for (let fi = k0; fi < k1; fi++) {
    const j = features[fi];
    const off = base + (offs[j] << 1);
    const nb = nBins[j];
    const cut0 = cutPtrs[j];
    // Forward: bins [0, b] left, the rest and missing right.
    let lg = 0, lh = 0;
    for (let b = 0; b < nb; b++) {
      const bg = hist[off + 2 * b], bh = hist[off + 2 * b + 1];
      // An empty bin repeats the previous bin's candidate, whose gain cannot beat itself: skip it (exactly).
      if (bg === 0 && bh === 0 && b > 0) continue;
      lg += bg;
      lh += bh;
      const rg = G - lg, rh = H - lh;
      if (lh >= mcw && rh >= mcw) {
        // T(G)²/(H + λ) per side, T the L1 soft threshold: split-gain.ts's arithmetic and float32 roundings.
        const tl = lg > alpha ? lg - alpha : lg < -alpha ? lg + alpha : 0;
        const tr = rg > alpha ? rg - alpha : rg < -alpha ? rg + alpha : 0;
        const loss = f(f((lh > 0 ? (tl * tl) / (lh + lambda) : 0) + (rh > 0 ? (tr * tr) / (rh + lambda) : 0)) - nodeGain);
        // A smaller (or NaN) gain never replaces the best; an infinite one is skipped; ties keep the lower feature.
        if (loss >= bestLoss && loss !== Infinity && (bestFeature > j || loss > bestLoss)) {
          bestLoss = loss; bestFeature = j;
          out[o] = loss; out[o + 1] = j; out[o + 2] = b; out[o + 3] = 0; out[o + 4] = cutValues[cut0 + b];
          out[o + 5] = lg; out[o + 6] = lh; out[o + 7] = rg; out[o + 8] = rh;
        }
      }
    }
    if (!hasMissing[j]) continue;
    const mg = hist[off + 2 * nb], mh = hist[off + 2 * nb + 1];
    if (mg === 0 && mh === 0) continue;
    // Backward: bins [b, nb) right, the rest and missing left.
    let rg = 0, rh = 0;
    for (let b = nb - 1; b >= 0; b--) {
      const bg = hist[off + 2 * b], bh = hist[off + 2 * b + 1];
      if (bg === 0 && bh === 0 && b < nb - 1) continue;
      rg += bg;
      rh += bh;
      const g2 = G - rg, h2 = H - rh;
      if (rh >= mcw && h2 >= mcw) {
        const tl = g2 > alpha ? g2 - alpha : g2 < -alpha ? g2 + alpha : 0;
        const tr = rg > alpha ? rg - alpha : rg < -alpha ? rg + alpha : 0;
        const loss = f(f((h2 > 0 ? (tl * tl) / (h2 + lambda) : 0) + (rh > 0 ? (tr * tr) / (rh + lambda) : 0)) - nodeGain);
        if (loss >= bestLoss && loss !== Infinity && (bestFeature > j || loss > bestLoss)) {
          bestLoss = loss; bestFeature = j;
          out[o] = loss; out[o + 1] = j; out[o + 2] = b - 1; out[o + 3] = 1; out[o + 4] = b === 0 ? minValues[j] : cutValues[cut0 + b - 1];
          out[o + 5] = g2; out[o + 6] = h2; out[o + 7] = rg; out[o + 8] = rh;
        }
      }
    }
  }
}
