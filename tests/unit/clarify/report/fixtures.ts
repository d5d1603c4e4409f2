// Hand-built inputs for the report tests: a realistic analysis.json (every pre- and post-training metric,
// undefined ones with Clarify's error texts, an infinite TE, two SHAP methods, numerical and categorical
// PDP) and local SHAP values generated with a fixed seed.
import type { AnalysisJson, PdpFeature, ShapLabelResult } from '../../../../src/lib/clarify/analysis.ts';
import { METRIC_DESCRIPTIONS, POST_TRAINING_NAMES, PRE_TRAINING_NAMES } from '../../../../src/lib/clarify/bias/index.ts';
import type { MetricResult, MetricValue } from '../../../../src/lib/clarify/bias/types.ts';
import type { LocalShap } from '../../../../src/lib/clarify/report/index.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';

export const GROUP_ERROR = 'Group variable is empty or not provided';
export const FT_ERROR = 'FlipTest does not support non-numeric columns';

/** One MetricResult per name, its value from `values` (null ones get `errors[name]`). */
export function metrics(names: readonly string[], values: Record<string, MetricValue>, errors: Record<string, string> = {}): MetricResult[] {
  return names.map((name) => {
    const value = values[name];
    const m: MetricResult = { name, description: METRIC_DESCRIPTIONS[name] ?? name, value };
    if (value === null) m.error = errors[name];
    return m;
  });
}

const PRE: Record<string, MetricValue> = { CDDL: null, CI: 0.3182, DPL: 0.1947, JS: 0.0215, KL: 0.0873, KS: 0.1947, LP: 0.2753, TVD: 0.1947 };
const PRE_AGE: Record<string, MetricValue> = { CDDL: null, CI: -0.5455, DPL: -0.05, JS: 0.0012, KL: 0.0051, KS: 0.05, LP: 0.0707, TVD: 0.05 };
const POST: Record<string, MetricValue> = {
  AD: -0.0833, CDDPL: null, DAR: 0.25, DCA: -0.5, DCR: 0.3333, DI: 0.7273, DPPL: 0.1818, DRR: 0.0667,
  FT: null, GE: 0.0926, RD: 0.1667, SD: -0.4, TE: 'Infinity',
};

/** 25 features: a global SHAP value per feature, decreasing with the index (f24 has the least). */
export function globalShap(n: number, scale = 1): Record<string, number> {
  const out: Record<string, number> = {};
  // Inserted in a shuffled order so that the renderer, not the input, does the sorting.
  const order = Array.from({ length: n }, (_, i) => (i * 7) % n);
  for (const i of order) out[`feature_${String(i).padStart(2, '0')}`] = Math.round(scale * 1000 / (i + 1.5)) / 1000;
  return out;
}

function pdp(): PdpFeature[] {
  const grid = Array.from({ length: 15 }, (_, i) => 18 + i * 4);
  return [
    { feature_name: 'age', data_type: 'numerical', feature_values: grid, model_predictions: [grid.map((a) => 0.1 + 0.3 / (1 + Math.exp(-(a - 40) / 6))), grid.map(() => 0.5)], label_headers: ['income', 'other'] },
    { feature_name: 'workclass', data_type: 'categorical', feature_values: ['Private', 'Self-emp-not-inc', 'Federal-gov', 'Local-gov', 'Never-worked'], model_predictions: [[0.21, 0.29, 0.35, 0.27, 0.04]], label_headers: ['income'] },
    { feature_name: 'hours_per_week', data_type: 'numerical', feature_values: [1, 20, 40, 60, 99], model_predictions: [[0.05, 0.12, 0.24, 0.31, 0.33]], label_headers: ['income'] },
  ];
}

/** A realistic analysis.json: bias for facets `sex` and `age`, SHAP from both methods, three PDP features. */
export function realisticAnalysis(): AnalysisJson {
  const shap = (values: Record<string, number>, ev: number): ShapLabelResult => ({ global_shap_values: values, expected_value: ev });
  return {
    version: '1.0',
    pre_training_bias_metrics: {
      label: 'income',
      label_value_or_threshold: '>50K',
      facets: {
        sex: [{ value_or_threshold: 'Female', metrics: metrics(PRE_TRAINING_NAMES, PRE, { CDDL: GROUP_ERROR }) }],
        age: [{ value_or_threshold: '(40.0, 79.83]', metrics: metrics(PRE_TRAINING_NAMES, PRE_AGE, { CDDL: GROUP_ERROR }) }],
      },
    },
    post_training_bias_metrics: {
      label: 'income',
      label_value_or_threshold: '>50K',
      facets: { sex: [{ value_or_threshold: 'Female', metrics: metrics(POST_TRAINING_NAMES, POST, { CDDPL: GROUP_ERROR, FT: FT_ERROR }) }] },
    },
    explanations: {
      kernel_shap: { income: shap(globalShap(25), 0.2391) },
      tree_shap: { income: shap({ age: 0.412, education_num: -0.198, capital_gain: 0.951, hours_per_week: 0.0031, sex: -0.0402 }, -1.187) },
      pdp: pdp(),
    },
  };
}

/** Local SHAP values of `rows` rows and `features` features (seeded); feature j's spread shrinks with j. */
export function localShap(rows: number, features: number, withData = true, seed = 3): LocalShap {
  const rng = new SeededRandom(seed);
  const names = Array.from({ length: features }, (_, j) => `x${j}`);
  const values = new Float64Array(rows * features);
  const data = new Float64Array(rows * features);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < features; j++) {
      const d = rng.next() * 10;
      data[i * features + j] = j === 1 && i % 5 === 0 ? NaN : d;
      values[i * features + j] = ((d - 5) / 5) * (features - j) * 0.1 + (rng.next() - 0.5) * 0.02;
    }
  }
  return { features: names, values, data: withData ? data : undefined, rows, label: 'income' };
}
