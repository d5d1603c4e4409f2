// The settings of the num_models models trained side by side. As in SageMaker, model 0 uses the given
// training parameters and the others nearby ones; an `auto` parameter spans a grid instead. Settings are
// enumerated outward from model 0 (by the sum of each parameter's step away from its first value), so a
// few models already vary every open parameter.
//
// Regularization is only worth varying when a validation set chooses among the models: on the training
// loss the least regularized model always wins. So without validation, auto wd is the one value 1 / rows
// (the penalty of scikit-learn's LogisticRegression at C = 1: ½‖w‖² against the summed loss), and with
// validation it spans 1/rows × {1, 10, 0.1, 100, 0}.
import type { LinearLearnerParams } from './params.ts';

/** One model's learning rate, regularization and positive-row weight. */
export interface ModelSetting {
  learningRate: number;
  wd: number;
  l1: number;
  /** Weight multiplier of positive rows (binary; 1 otherwise). */
  positiveWeight: number;
}

/** Most models trained when num_models is auto (fewer when there are fewer distinct settings). */
export const AUTO_NUM_MODELS = 8;

/** Learning rates `auto` tries, best guess first, by optimizer. */
export const AUTO_LEARNING_RATES: Record<LinearLearnerParams['optimizer'], readonly number[]> = {
  adam: [0.03, 0.01, 0.1, 0.003],
  rmsprop: [0.03, 0.01, 0.1, 0.003],
  sgd: [0.3, 0.1, 1, 0.03],
};
/** Multiples of 1 / rows that auto wd tries when there is a validation set. */
export const AUTO_WD_PER_ROW = [1, 10, 0.1, 100, 0] as const;

/** A given value and its neighbours (model 0 keeps the value itself). */
function near(v: number, factors: readonly number[]): number[] {
  return v === 0 ? [0] : factors.map((f) => v * f);
}

/** What the grid needs to know about the data. */
export interface GridData {
  /** Training rows. */
  rows: number;
  /** Whether a validation set chooses the model (else the training loss does). */
  validation: boolean;
  /** Negatives ÷ positives of the training rows (binary), for positive_example_weight_mult balanced and auto. */
  balancedWeight: number;
}

/** The settings of each model. */
export function modelSettings(p: LinearLearnerParams, data: GridData): ModelSetting[] {
  const lr = p.learning_rate === null ? [...AUTO_LEARNING_RATES[p.optimizer]] : near(p.learning_rate, [1, 1 / 3, 3, 1 / 10]);
  const wd = p.wd === null ? (data.validation ? AUTO_WD_PER_ROW.map((f) => f / data.rows) : [1 / data.rows]) : near(p.wd, [1, 1 / 10, 10, 0]);
  const l1 = p.l1 === null ? [0] : near(p.l1, [1, 1 / 10, 10, 0]);
  const pw = p.predictor_type !== 'binary_classifier' ? [1]
    : p.positive_example_weight_mult === 'auto' ? [1, data.balancedWeight]
      : p.positive_example_weight_mult === 'balanced' ? [data.balancedWeight] : [p.positive_example_weight_mult];
  const dims = [lr, wd, l1, pw];
  const combos: number[][] = [];
  const walk = (prefix: number[]) => {
    if (prefix.length === dims.length) { combos.push(prefix); return; }
    for (let i = 0; i < dims[prefix.length].length; i++) walk([...prefix, i]);
  };
  walk([]);
  const sum = (c: number[]) => c.reduce((a, b) => a + b, 0);
  combos.sort((a, b) => sum(a) - sum(b) || compareDescending(a, b));
  const count = p.num_models ?? Math.min(AUTO_NUM_MODELS, combos.length);
  const out: ModelSetting[] = [];
  // More models than combinations repeat them (with other initial weights).
  for (let m = 0; m < count; m++) {
    const c = combos[m % combos.length];
    out.push({ learningRate: lr[c[0]], wd: wd[c[1]], l1: l1[c[2]], positiveWeight: pw[c[3]] });
  }
  return out;
}

/** Orders combinations at the same distance so that the learning rate varies first. */
function compareDescending(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
  return 0;
}
