// reg:squarederror: grad = (p − y)·w, hess = w (with scale_pos_weight on rows labelled 1, as XGBoost's
// RegLossObj applies it to every reg:/binary: loss).
import type { Objective, ObjectiveConfig } from '../objective.ts';

const f = Math.fround;

export function squaredError(cfg: ObjectiveConfig): Objective {
  const spw = f(cfg.scalePosWeight);
  return {
    name: 'reg:squarederror',
    nGroups: 1,
    predWidth: 1,
    defaultMetric: 'rmse',
    checkLabels() {},
    baseMargin: (b) => f(b),
    gradient(m, y, w, grad, hess) {
      for (let i = 0; i < y.length; i++) {
        let wi = w ? w[i] : 1;
        if (y[i] === 1) wi = f(wi * spw);
        grad[i] = f(f(m[i] - y[i]) * wi);
        hess[i] = wi;
      }
    },
    evalTransform: (m) => m.slice(),
    predTransform: (m) => m.slice(),
  };
}
