// The best split of one node from its histogram, enumerated as XGBoost 1.7's HistEvaluator does
// (src/tree/hist/evaluate_splits.h): a forward scan over bins with missing values going right, then, only
// when the node has missing values, a backward scan with missing values going left. Equal gains keep the
// earlier candidate (lower feature, forward before backward), as SplitEntry::Update does.
// Without max_delta_step the scan is parallel/split-scan.ts's scanSplits, which pool threads run too.
import { scanSplits, SPLIT_RECORD } from '../parallel/split-scan.ts';
import type { BinMatrix } from './bin-matrix.ts';
import { splitLossChange, type GainParams } from './split-gain.ts';

/** A split candidate; `lossChange` 0 means none found. Reused across calls to avoid allocation. */
export interface SplitCandidate {
  lossChange: number;
  feature: number;
  /** Last bin that goes left; -1 when only missing values go left. */
  bin: number;
  defaultLeft: boolean;
  /** XGBoost's split_condition: go left iff x < threshold. */
  threshold: number;
  gl: number; hl: number; gr: number; hr: number;
}

export function emptyCandidate(): SplitCandidate {
  return { lossChange: 0, feature: 0, bin: -1, defaultLeft: false, threshold: 0, gl: 0, hl: 0, gr: 0, hr: 0 };
}

/** Copies split record `o` of `r` (see scanSplits) into `best`. */
export function candidateFromRecord(r: Float64Array, o: number, best: SplitCandidate): SplitCandidate {
  best.lossChange = r[o]; best.feature = r[o + 1]; best.bin = r[o + 2]; best.defaultLeft = r[o + 3] === 1;
  best.threshold = r[o + 4]; best.gl = r[o + 5]; best.hl = r[o + 6]; best.gr = r[o + 7]; best.hr = r[o + 8];
  return best;
}

const record = new Float64Array(SPLIT_RECORD);

function consider(best: SplitCandidate, loss: number, feature: number, bin: number, defaultLeft: boolean, threshold: number, gl: number, hl: number, gr: number, hr: number): void {
  // SplitEntry::NeedReplace: infinite gains are skipped; at equal gain the lower feature index wins.
  if (!Number.isFinite(loss)) return;
  if (best.feature <= feature ? !(loss > best.lossChange) : best.lossChange > loss) return;
  best.lossChange = loss; best.feature = feature; best.bin = bin; best.defaultLeft = defaultLeft;
  best.threshold = threshold; best.gl = gl; best.hl = hl; best.gr = gr; best.hr = hr;
}

/**
 * Scans `features` of histogram `hist` for the node with sums (G, H) and gain `nodeGain`, writing the
 * best split into `best` (reset first).
 */
export function evaluateSplit(
  bins: BinMatrix, hist: Float64Array, features: Int32Array, G: number, H: number, nodeGain: number,
  p: GainParams, best: SplitCandidate,
): void {
  best.lossChange = 0; best.feature = 0; best.bin = -1; best.defaultLeft = false; best.threshold = 0;
  best.gl = 0; best.hl = 0; best.gr = 0; best.hr = 0;
  const { histOffsets, nBins, cuts, hasMissing } = bins;
  if (p.maxDeltaStep === 0) {
    scanSplits(hist, 0, features, 0, features.length, histOffsets, nBins, cuts.ptrs, cuts.values, cuts.minValues, hasMissing, G, H, nodeGain, p.lambda, p.alpha, p.minChildWeight, record, 0);
    candidateFromRecord(record, 0, best);
    return;
  }
  const mcw = p.minChildWeight;
  for (let fi = 0; fi < features.length; fi++) {
    const j = features[fi];
    const off = histOffsets[j] << 1;
    const nb = nBins[j];
    const cut0 = cuts.ptrs[j];
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
        const loss = splitLossChange(p, lg, lh, rg, rh, nodeGain);
        // A smaller (or NaN) loss never replaces the best; consider() settles ties and infinities.
        if (loss >= best.lossChange) consider(best, loss, j, b, false, cuts.values[cut0 + b], lg, lh, rg, rh);
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
        const loss = splitLossChange(p, g2, h2, rg, rh, nodeGain);
        if (loss >= best.lossChange) {
          const threshold = b === 0 ? cuts.minValues[j] : cuts.values[cut0 + b - 1];
          consider(best, loss, j, b - 1, true, threshold, g2, h2, rg, rh);
        }
      }
    }
  }
}
