// reg:logistic, binary:logistic and binary:logitraw: p = sigmoid(margin), grad = (p − y)·w,
// hess = max(p(1 − p), 1e-16)·w; rows labelled 1 weigh scale_pos_weight times more.
import { logisticGradientRows } from '../../parallel/histogram-kernel.ts';
import { mapMargins, type Objective, type ObjectiveConfig } from '../objective.ts';

const f = Math.fround;

const EXP_CAP = f(88.7);
const NO_WEIGHTS = new Float32Array(0);

/** XGBoost's float sigmoid 1 / (1 + exp(−x)), with its overflow guard. */
export function sigmoid(x: number): number {
  return f(1 / f(1 + f(Math.exp(Math.min(-x, EXP_CAP)))));
}

export function logistic(name: 'reg:logistic' | 'binary:logistic' | 'binary:logitraw', cfg: ObjectiveConfig): Objective {
  const spw = f(cfg.scalePosWeight);
  const raw = name === 'binary:logitraw';
  return {
    name,
    nGroups: 1,
    predWidth: 1,
    defaultMetric: name === 'reg:logistic' ? 'rmse' : 'logloss',
    checkLabels(y, what) {
      for (let i = 0; i < y.length; i++) {
        if (!(y[i] >= 0 && y[i] <= 1)) {
          throw new RangeError(`${what}[${i}] is ${y[i]}, but objective ${name} needs labels in [0, 1]`);
        }
      }
    },
    baseMargin(b) {
      // binary:logitraw takes base_score as a margin (its ProbToMargin is the identity).
      if (raw) return f(b);
      if (!(b > 0 && b < 1)) throw new RangeError(`base_score must be in (0, 1) for objective ${name}; got ${b}`);
      return f(-Math.log(f(f(1 / f(b)) - 1)));
    },
    gradient(m, y, w, grad, hess) {
      logisticGradientRows(m, y, w ?? NO_WEIGHTS, spw, grad, hess, null, 0, y.length);
    },
    rowKernel: { kind: 'logistic', scalePosWeight: spw },
    // Metrics see probabilities for logitraw too (XGBoost 1.7 feeds it raw margins, which makes its
    // logloss meaningless for this objective).
    evalTransform: (m) => mapMargins(m, sigmoid),
    predTransform: (m) => (raw ? m.slice() : mapMargins(m, sigmoid)),
  };
}
