// One training job, start to finish: rebuild the table from IPC bytes, prepare the matrices, check the
// hyperparameters against the data, fit while streaming each round, then evaluate every split and
// package the model and the predictions as bytes. Pure: runs in a worker or in Node alike.
import { tableFromIPC } from 'apache-arrow';
import { HyperparameterError, type FitCallbacks, type TrainingData } from '../ml/estimator.ts';
import { prepareTrainingData } from '../ml/prepare/prepare-training-data.ts';
import type { FeatureEncoding, Task } from '../ml/prepare/types.ts';
import { requestComputeDevice, type ComputeAdapterInfo } from '../ml/gpu/device.ts';
import { threadsAvailable } from '../ml/parallel/histogram-pool.ts';
import { getAlgorithm } from '../ml/registry.ts';
import { evaluate, featureImportance, predictForEvaluation, taskOfObjective, type CurvePoint, type Evaluation } from '../ml/results/index.ts';
import type { XGBoostModel } from '../ml/xgboost/model.ts';
import { roundCount } from '../ml/xgboost/model.ts';
import { predictionsCsv } from './predictions-csv.ts';
import type { CurvePoints, FeatureImportance, SplitEvaluation, SplitName, TrainJob, TrainResult, TrainRound } from './train-engine-api.ts';

const now = () => globalThis.performance.now();

/** The objectives that suit each task (reg:logistic also fits 0/1 labels). */
function checkObjective(objective: unknown, numClass: unknown, encoding: FeatureEncoding): void {
  if (typeof objective !== 'string') return;
  const task = encoding.task;
  const fits = taskOfObjective(objective) === task || (task === 'binary' && objective === 'reg:logistic');
  if (!fits) {
    const suggestion: Record<Task, string> = { binary: 'binary:logistic', multiclass: 'multi:softprob', regression: 'reg:squarederror' };
    throw new HyperparameterError('objective',
      `objective ${objective} does not fit target ${JSON.stringify(encoding.target)}, which makes a ${task} task; use ${suggestion[task]} (or change the task)`);
  }
  const k = encoding.classes?.length ?? 0;
  if (task === 'multiclass' && numClass !== k) {
    throw new HyperparameterError('num_class', `num_class must be ${k}, the number of classes of target ${JSON.stringify(encoding.target)}; got ${String(numClass)}`);
  }
}

function curve(points: CurvePoint[] | undefined): CurvePoints | undefined {
  if (!points) return undefined;
  return { x: Float32Array.from(points, (p) => p.x), y: Float32Array.from(points, (p) => p.y) };
}

function toSplitEvaluation(split: SplitName, e: Evaluation): SplitEvaluation {
  if (e.task === 'regression') {
    return {
      split, rows: e.rows, metrics: { rmse: e.rmse, mae: e.mae, r2: e.r2 },
      residuals: { x: Float32Array.from(e.residuals, (r) => r.predicted), y: Float32Array.from(e.residuals, (r) => r.actual - r.predicted) },
    };
  }
  return {
    split, rows: e.rows, metrics: { auc: e.auc, accuracy: e.accuracy, logloss: e.logloss },
    confusion: Int32Array.from(e.confusionMatrix.flat()),
    roc: curve(e.roc),
    pr: curve(e.pr),
  };
}

function importanceOf(model: XGBoostModel, names: string[]): FeatureImportance {
  const scores = new Map(featureImportance(model, names).map((s) => [s.feature, s]));
  const pick = (key: 'gain' | 'weight' | 'cover') => Float64Array.from(names, (n) => scores.get(n)?.[key] ?? 0);
  return { names, gain: pick('gain'), weight: pick('weight'), cover: pick('cover') };
}

function describeParams(params: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) out[k] = Array.isArray(v) ? v.join(',') : String(v);
  return out;
}

/** The threads `job` asks for (its nthread; 1 when unset, invalid or not an algorithm parameter). */
export function requestedThreads(job: TrainJob): number {
  try {
    const n = (getAlgorithm(job.algorithm).resolve(job.hyperparameters) as { nthread?: unknown }).nthread;
    return typeof n === 'number' && n > 1 ? Math.floor(n) : 1;
  } catch {
    // train() reports the bad parameter.
    return 1;
  }
}

export interface TrainEngine {
  /** Runs `job` on the IPC stream `ipc`; calls `onRound` after each round. Rejects naming the bad parameter or column. */
  train(ipc: Uint8Array, job: TrainJob, onRound?: (round: TrainRound) => void): Promise<TrainResult>;
}

/** tree_method auto moves to WebGPU from this many cells (rows × features): below it a dispatch costs more than it saves. */
export const AUTO_GPU_MIN_CELLS = 1_000_000;

/** Where a job's histograms are built: a WebGPU device (the engine destroys it after the fit) or the CPU. */
interface ComputeChoice {
  device: GPUDevice | null;
  label: string;
  reason?: string;
}

function adapterLabel(info: ComputeAdapterInfo, software: boolean): string {
  const name = [info.vendor, info.architecture || info.device || info.description].filter(Boolean).join(', ') || 'unnamed adapter';
  return `WebGPU (${name}${software ? '; software' : ''})`;
}

/**
 * gpu_hist asks for WebGPU on any adapter (software ones too) and fails without one; auto takes a hardware
 * adapter for data of at least AUTO_GPU_MIN_CELLS cells and stays on the CPU otherwise, saying why.
 */
async function chooseCompute(algorithm: string, raw: TrainJob['hyperparameters'], cells: number): Promise<ComputeChoice> {
  const cpu = (reason?: string): ComputeChoice => ({ device: null, label: 'CPU', ...(reason ? { reason } : {}) });
  if (algorithm !== 'xgboost') return cpu();
  const method = String(raw.tree_method ?? 'auto').trim();
  if (method === 'gpu_hist') {
    const got = await requestComputeDevice();
    if (!got.device) throw new HyperparameterError('tree_method', `tree_method gpu_hist needs WebGPU: ${got.reason} Set tree_method to hist (or auto) to train on the CPU.`);
    return { device: got.device, label: adapterLabel(got.adapterInfo, got.software) };
  }
  if (method !== 'auto') return cpu();
  if (cells < AUTO_GPU_MIN_CELLS) return cpu(`${cells.toLocaleString('en')} cells is below the ${AUTO_GPU_MIN_CELLS.toLocaleString('en')} where WebGPU pays off.`);
  const got = await requestComputeDevice(undefined, { allowSoftware: false });
  if (!got.device) return cpu(got.reason);
  return { device: got.device, label: adapterLabel(got.adapterInfo, got.software) };
}

export function createTrainEngine(): TrainEngine {
  return {
    async train(ipc, job, onRound) {
      const t0 = now();
      const estimator = getAlgorithm(job.algorithm);
      const params = estimator.resolve(job.hyperparameters);
      const table = tableFromIPC(ipc);
      const prepared = prepareTrainingData(table, job.prepare);
      const { encoding } = prepared;
      checkObjective(params.objective, params.num_class, encoding);
      const totalRounds = typeof params.num_round === 'number' ? params.num_round : 0;

      const history: TrainRound[] = [];
      const t1 = now();
      const callbacks: FitCallbacks = {
        onRound(round, metrics) {
          const r: TrainRound = { round, totalRounds, train: metrics.train, validation: metrics.validation, seconds: (now() - t1) / 1000 };
          history.push(r);
          onRound?.(r);
        },
      };
      const compute = await chooseCompute(estimator.name, job.hyperparameters, prepared.train.nRows * prepared.train.nCols);
      let model: XGBoostModel;
      if (compute.device && estimator.fitAsync) {
        try {
          model = await estimator.fitAsync(prepared.train, { ...params, tree_method: 'gpu_hist' }, { validation: prepared.validation, callbacks, gpu: compute.device }) as XGBoostModel;
        } finally {
          compute.device.destroy();
        }
      } else {
        model = estimator.fit(prepared.train, params, { validation: prepared.validation, callbacks }) as XGBoostModel;
      }
      const t2 = now();
      // The histogram pool uses nthread threads whenever a spawner is set (the caller sizes it to fit).
      const threads = !compute.device && typeof params.nthread === 'number' && params.nthread > 1 && threadsAvailable() ? params.nthread : 1;

      const sets: [SplitName, TrainingData | undefined][] = [['train', prepared.train], ['validation', prepared.validation], ['test', prepared.test]];
      const evaluations: SplitEvaluation[] = [];
      const predictions = new Map<SplitName, Float32Array>();
      for (const [name, data] of sets) {
        if (!data || data.nRows === 0) continue;
        const preds = predictForEvaluation(model, data);
        predictions.set(name, preds);
        evaluations.push(toSplitEvaluation(name, evaluate(encoding.task, data.labels, preds, encoding.classes)));
      }
      const heldOut = sets.filter(([name, d]) => name !== 'train' && d && d.nRows > 0);
      const csvSets = (heldOut.length ? heldOut : sets.slice(0, 1)).map(([name, d]) => ({ split: name, labels: d!.labels, predictions: predictions.get(name)! }));

      return {
        algorithm: estimator.name,
        task: encoding.task,
        encoding,
        // The record says what ran: tree_method auto resolves to hist, or to gpu_hist when it took WebGPU.
        hyperparameters: describeParams(compute.device ? { ...(params as object), tree_method: 'gpu_hist' } : params as object),
        rounds: roundCount(model),
        ...(model.bestIteration !== undefined ? { bestIteration: model.bestIteration } : {}),
        history,
        evaluations,
        importance: importanceOf(model, encoding.featureNames),
        model: estimator.serialize(model),
        predictionsCsv: new TextEncoder().encode(predictionsCsv(encoding, csvSets)),
        notes: prepared.notes,
        prepareSeconds: (t1 - t0) / 1000,
        trainSeconds: (t2 - t1) / 1000,
        threads,
        compute: compute.device ? compute.label : `CPU, ${threads === 1 ? '1 thread' : `${threads} threads`}`,
        ...(compute.reason ? { computeReason: compute.reason } : {}),
      };
    },
  };
}
