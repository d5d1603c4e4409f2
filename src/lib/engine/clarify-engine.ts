// The Clarify worker's engine: holds one dataset and one model, and runs the bias, SHAP and PDP jobs of
// src/lib/clarify on them. The worker file only exposes it.
import type { Table } from 'apache-arrow';
import { tableFromInput } from '../data/shared-table.ts';
import type { TfBackendName } from '../compute/types.ts';
import { ANALYSIS_VERSION } from '../clarify/analysis.ts';
import { biasThresholdPath, facetConfusion, runBiasJob, type BiasJobConfig } from '../clarify/bias-job.ts';
import type { ThresholdBias } from '../clarify/bias/index.ts';
import type { BiasColumns, BiasConfig } from '../clarify/bias/types.ts';
import { spaceValueText } from '../clarify/explain-space.ts';
import { batchModel, loadModel, modelInputs, type LoadedModel } from '../clarify/loaded-model.ts';
import { partialDependence } from '../clarify/pdp.ts';
import { pooledModel } from '../clarify/infer-pool.ts';
import { portableSpace } from '../clarify/explain-space.ts';
import type { BatchModel } from '../clarify/shap/kernel-shap.ts';
import { runShapJob, shapSection } from '../clarify/shap-job.ts';
import { shapOutCsv } from '../clarify/shap-out-csv.ts';
import type { BiasRun, ClarifyEngineApi, ClarifyModelFacts, PdpCurve, ShapRun } from './clarify-engine-api.ts';

export interface ClarifyEngineOptions {
  /** Starts TensorFlow.js for models that need it; defaults to none (such models then fail to infer). */
  tensorflow?: (allowed?: readonly TfBackendName[]) => Promise<unknown>;
  /**
   * Starts a pool of workers holding the model, for Kernel SHAP's model evaluations (models that compute on
   * the CPU); null when none can start. Defaults to none: every evaluation runs in this thread.
   */
  pool?: (model: Uint8Array) => Promise<InferPool | null>;
}

/** Workers that each evaluate the model on a batch of rows. */
export interface InferPool {
  members: BatchModel[];
  close(): void;
}

/** ICE curves kept per feature for drawing. */
const ICE_ROWS = 60;

export function createClarifyEngine(options: ClarifyEngineOptions = {}): ClarifyEngineApi {
  let table: Table | null = null;
  let model: LoadedModel | null = null;
  let pool: InferPool | null = null;
  let live: { path: ThresholdBias; columns: BiasColumns; cfg: BiasConfig; scores: Float32Array; flip: boolean } | null = null;

  const data = (): Table => {
    if (!table) throw new Error('no dataset: open a session first');
    return table;
  };
  const needModel = (): LoadedModel => {
    if (!model) throw new Error('no model: train one in the Train view or open a model file first');
    return model;
  };

  return {
    async open(ipc, bytes) {
      table = tableFromInput(ipc);
      model = null;
      live = null;
      pool?.close();
      pool = null;
      if (!bytes) return null;
      model = await loadModel(bytes, 'the model');
      if (model.estimator.compute === 'tfjs') await options.tensorflow?.(model.estimator.tfBackends);
      // The pool's workers each read the model afresh; text columns' explanation codes are tables built by this
      // copy as it reads rows, so a model with one stays on this worker.
      else if (options.pool && portableSpace(model.space)) pool = await options.pool(bytes).catch(() => null);
      const facts: ClarifyModelFacts = {
        algorithm: model.estimator.name, features: [...model.space.names], labels: [...model.labels], classes: model.classes,
        target: model.encoding?.target, tree: !!model.estimator.contributions, probabilities: model.probabilities,
      };
      return facts;
    },

    async bias(cfg: BiasJobConfig, useModel: boolean): Promise<BiasRun> {
      const t = data();
      const r = await runBiasJob(t, cfg, useModel ? needModel() : undefined);
      live = null;
      let threshold: number | undefined;
      if (useModel && r.scores && model?.classes) {
        const positiveClass = model.classes[1];
        const flip = !cfg.labelValuesOrThreshold.map(String).includes(positiveClass);
        const { path, columns } = biasThresholdPath(t, cfg);
        live = { path, columns, cfg: { ...cfg, predictedLabel: undefined }, scores: flip ? r.scores.map((p) => 1 - p) : r.scores, flip };
        threshold = 0.5;
      }
      const analysis = { version: ANALYSIS_VERSION, pre_training_bias_metrics: r.pre, ...(r.post ? { post_training_bias_metrics: r.post } : {}) };
      return { pre: r.pre, post: r.post, confusion: r.confusion, threshold, analysis };
    },

    biasAt(threshold) {
      if (!live) throw new Error('the threshold applies to a binary model\'s predictions: run bias with the model first');
      const t0 = performance.now();
      const cut = live.flip ? 1 - threshold : threshold;
      const post = live.path.evaluate(live.scores, cut);
      const predicted = new Uint8Array(live.scores.length);
      for (let i = 0; i < predicted.length; i++) predicted[i] = live.scores[i] > cut ? 1 : 0;
      const confusion = facetConfusion(live.columns, live.cfg, predicted);
      return { post, confusion, ms: performance.now() - t0 };
    },

    async shap(cfg, onProgress): Promise<ShapRun> {
      const m = needModel();
      const members = pool?.members ?? [];
      const r = await runShapJob(data(), m, cfg, { onProgress, model: members.length > 1 ? pooledModel(members, m.space.names.length) : undefined });
      const e = r.features.length;
      const columns = r.features.map((f) => m.space.names.indexOf(f));
      const valueText = new Array<string>(r.rows * e);
      for (let i = 0; i < r.rows; i++) for (let j = 0; j < e; j++) valueText[i * e + j] = spaceValueText(m.space, columns[j], r.data[i * e + j]);
      return { ...r, valueText, workers: r.method === 'kernel_shap' ? Math.max(1, members.length) : 1, analysis: { version: ANALYSIS_VERSION, explanations: { [r.method]: shapSection(r) } }, outCsv: shapOutCsv(r) };
    },

    async pdp(features, gridResolution, maxRows, onProgress): Promise<PdpCurve[]> {
      const m = needModel();
      const t = data();
      const source = t.numRows > maxRows ? t.slice(0, maxRows) : t;
      const { rows } = modelInputs(m, source, 'the data');
      const c = m.space.names.length;
      const f = pool && pool.members.length > 1 ? pooledModel(pool.members, c) : batchModel(m);
      const out: PdpCurve[] = [];
      for (let k = 0; k < features.length; k++) {
        const j = m.space.names.indexOf(features[k]);
        if (j < 0) throw new Error(`the model does not read column ${JSON.stringify(features[k])}`);
        const categorical = m.space.categories[j] !== null;
        const r = await partialDependence(f, { values: rows, nRows: source.numRows, nCols: c }, j, { gridResolution, categorical, onProgress: (d, total) => onProgress?.(k * total + d, features.length * total, `partial dependence of ${features[k]}`) });
        const g = r.grid.length;
        const keep = Math.min(ICE_ROWS, source.numRows);
        out.push({
          feature: features[k], categorical, grid: [...r.grid], gridLabels: [...r.grid].map((v) => spaceValueText(m.space, j, v)),
          pdp: r.pdp, ice: r.ice.slice(0, keep * g * r.outputs), iceRows: keep,
        });
      }
      return out;
    },
  };
}
