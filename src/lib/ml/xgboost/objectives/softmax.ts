// multi:softprob and multi:softmax: one margin per class; p = softmax(margins);
// grad_k = (p_k − [y = k])·w, hess_k = max(2 p_k (1 − p_k) w, 1e-16), as XGBoost's SoftmaxMultiClassObj.
import type { Objective, ObjectiveConfig } from '../objective.ts';

const f = Math.fround;
const EPS = f(1e-16);
/** std::numeric_limits<float>::min(), XGBoost's (odd but harmless) starting max. */
const FLT_MIN = 1.1754943508222875e-38;

/**
 * Softmax of each row of `m` (nRows × k) into a new array. The gradient starts its running max at
 * FLT_MIN, the prediction transform (common::Softmax) at the first margin; both are kept for
 * bit-compatibility.
 */
export function softmaxRows(m: Float32Array, nRows: number, k: number, forGradient = false): Float32Array {
  const out = new Float32Array(m.length);
  for (let i = 0; i < nRows; i++) {
    const base = i * k;
    let wmax = forGradient ? FLT_MIN : m[base];
    for (let c = 0; c < k; c++) wmax = Math.max(m[base + c], wmax);
    let wsum = 0;
    for (let c = 0; c < k; c++) wsum += f(Math.exp(f(m[base + c] - wmax)));
    const s = f(wsum);
    for (let c = 0; c < k; c++) out[base + c] = f(f(Math.exp(f(m[base + c] - wmax))) / s);
  }
  return out;
}

export function softmax(name: 'multi:softprob' | 'multi:softmax', cfg: ObjectiveConfig): Objective {
  const k = cfg.numClass;
  return {
    name,
    nGroups: k,
    predWidth: name === 'multi:softmax' ? 1 : k,
    defaultMetric: 'mlogloss',
    checkLabels(y, what) {
      for (let i = 0; i < y.length; i++) {
        if (!(Number.isInteger(y[i]) && y[i] >= 0 && y[i] < k)) {
          throw new RangeError(`${what}[${i}] is ${y[i]}, but with num_class = ${k} labels must be integers in [0, ${k - 1}]`);
        }
      }
    },
    baseMargin: (b) => f(b),
    gradient(m, y, w, grad, hess) {
      const p = softmaxRows(m, y.length, k, true);
      for (let i = 0; i < y.length; i++) {
        const wt = w ? w[i] : 1;
        const base = i * k;
        for (let c = 0; c < k; c++) {
          const pc = p[base + c];
          hess[base + c] = Math.max(f(f(f(2 * pc) * f(1 - pc)) * wt), EPS);
          grad[base + c] = f((y[i] === c ? f(pc - 1) : pc) * wt);
        }
      }
    },
    evalTransform: (m, nRows) => softmaxRows(m, nRows, k),
    predTransform(m, nRows) {
      if (name === 'multi:softprob') return softmaxRows(m, nRows, k);
      const out = new Float32Array(nRows);
      for (let i = 0; i < nRows; i++) {
        let best = 0;
        for (let c = 1; c < k; c++) if (m[i * k + c] > m[i * k + best]) best = c;
        out[i] = best;
      }
      return out;
    },
  };
}
