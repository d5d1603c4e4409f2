// SageMaker Clarify's analysis.json, as mlpad writes it: the bias sections (smclarify's layout, see
// bias/types.ts) and the explanations section, keyed by method and then by label (the model output
// explained: the target's name for one output, each class's name for a multiclass model).
import type { BiasSection } from './bias/types.ts';

/** One explained output: global SHAP value per feature (agg_method over the rows) and the expected value. */
export interface ShapLabelResult {
  global_shap_values: Record<string, number>;
  expected_value: number;
}

/** analysis.json; every section is optional, as in Clarify, where only the analyses that ran appear. */
export interface AnalysisJson {
  version: string;
  pre_training_bias_metrics?: BiasSection;
  post_training_bias_metrics?: BiasSection;
  explanations?: {
    kernel_shap?: Record<string, ShapLabelResult>;
    tree_shap?: Record<string, ShapLabelResult>;
    /** Partial dependence per feature (Clarify's pdp section). */
    pdp?: PdpFeature[];
  };
}

/** Partial dependence of one feature, in Clarify's pdp layout. */
export interface PdpFeature {
  feature_name: string;
  data_type: 'numerical' | 'categorical';
  feature_values: (number | string)[];
  /** Per label, the mean model output at each feature value. */
  model_predictions: number[][];
  label_headers: string[];
}

/** The version mlpad writes: Clarify's analysis.json version string. */
export const ANALYSIS_VERSION = '1.0';
