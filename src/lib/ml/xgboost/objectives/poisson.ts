// count:poisson: predictions exp(margin); grad = (exp(m) − y)·w, hess = exp(m + max_delta_step)·w.
// XGBoost also caps tree leaf weights at max_delta_step = 0.7 for this objective unless told otherwise.
import { mapMargins, type Objective, type ObjectiveConfig } from '../objective.ts';

const f = Math.fround;
const expf = (x: number) => f(Math.exp(x));

export function poisson(cfg: ObjectiveConfig): Objective {
  const mds = f(cfg.maxDeltaStep);
  return {
    name: 'count:poisson',
    nGroups: 1,
    predWidth: 1,
    defaultMetric: 'poisson-nloglik',
    checkLabels(y, what) {
      for (let i = 0; i < y.length; i++) {
        if (!(y[i] >= 0)) throw new RangeError(`${what}[${i}] is ${y[i]}, but objective count:poisson needs labels ≥ 0`);
      }
    },
    baseMargin(b) {
      if (!(b > 0)) throw new RangeError(`base_score must be > 0 for objective count:poisson; got ${b}`);
      return f(Math.log(f(b)));
    },
    gradient(m, y, w, grad, hess) {
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i] : 1;
        grad[i] = f(f(expf(m[i]) - y[i]) * wi);
        hess[i] = f(expf(f(m[i] + mds)) * wi);
      }
    },
    evalTransform: (m) => mapMargins(m, expf),
    predTransform: (m) => mapMargins(m, expf),
  };
}
