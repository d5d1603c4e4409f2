// The cases of `npm run bench:algorithms` as pure engine code: seeded data generators and one timed mlpad run
// per case. scripts/bench/algorithms.ts imports it in Node, and bundles it (with Vite) into the page it
// opens in headless Chromium, where it sets `window.mlpadBench`; so both run the same code on the same data
// (the generators are seeded and use only mulberry32 and V8's Math, identical in Node and Chromium).
import * as tf from '@tensorflow/tfjs';
import { initTf, type TfInitOptions } from '../../src/lib/compute/tf-backend.ts';
import type { TfBackendName } from '../../src/lib/compute/types.ts';
import type { DataFacts, RawHyperparameters } from '../../src/lib/ml/estimator.ts';
import { algorithmNames, getAlgorithm } from '../../src/lib/ml/registry.ts';
import { SeededRandom } from '../../src/lib/ml/random.ts';

export type CaseName = 'linear-learner' | 'knn' | 'kmeans' | 'pca';
export const CASES: readonly CaseName[] = ['linear-learner', 'knn', 'kmeans', 'pca'];

/** One case at one size. */
export interface CaseSpec {
  name: CaseName;
  /** Training rows (knn: rows in the index). */
  rows: number;
  /** Features; 28 in every case. */
  cols: number;
  /** knn: query rows searched against the index; 0 elsewhere. */
  queries: number;
  /** linear-learner: epochs (all run: early stopping is pushed past them); 0 elsewhere. */
  epochs: number;
  /** linear-learner: num_models ('auto' or a count); '' elsewhere. */
  numModels: string;
}

/** A case's data, row-major float32. */
export interface CaseData {
  x: Float32Array;
  /** Labels (class indices) for the supervised cases. */
  y?: Float32Array;
  /** knn: the query rows and their labels. */
  q?: Float32Array;
  qy?: Float32Array;
  /** Class count of the labels (0 without labels). */
  classes: number;
}

/** What one mlpad run measured. */
export interface MlpadRun {
  /** Seconds of the timed part (see `timed` in the report). */
  seconds: number;
  /** linear-learner: seconds per epoch (fit seconds ÷ epochs run). */
  perEpoch?: number;
  /** Rounds (epochs) the fit ran. */
  rounds: number;
  /** Quality figures: accuracy, ssd, explained_variance. */
  quality: Record<string, number>;
  /** compute.label of the fit. */
  compute: string;
}

const DIM = 28;
/** Spread of the blob centres: the knn classes overlap (accuracy below 1), the k-means blobs less so. */
const KNN_SPREAD = 0.6;
const KMEANS_SPREAD = 0.8;

/** Standard normal by Box–Muller. */
function gauss(rng: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * Binary task for linear-learner: correlated features on different scales and offsets (so scaling
 * matters), the label a logistic draw on a linear function of them (accuracy ceiling about 0.85).
 */
function linearData(rows: number, seed: number): CaseData {
  const rng = new SeededRandom(seed);
  const w = Array.from({ length: DIM }, () => gauss(rng) * 0.5);
  const shift = Array.from({ length: DIM }, () => gauss(rng) * 3);
  const scale = Array.from({ length: DIM }, (_, j) => Math.exp((j % 7) - 3));
  const x = new Float32Array(rows * DIM), y = new Float32Array(rows);
  const z = new Float64Array(DIM + 1);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j <= DIM; j++) z[j] = gauss(rng);
    let logit = -0.3;
    for (let j = 0; j < DIM; j++) {
      const u = 0.8 * z[j] + 0.6 * z[j + 1];
      logit += w[j] * u;
      x[i * DIM + j] = shift[j] + scale[j] * u;
    }
    y[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { x, y, classes: 2 };
}

/** A mixture of `k` gaussian blobs with spreads 0.6–1.6 around centres drawn N(0, spread²): rows and their blob. */
function mixture(rows: number, k: number, spread: number, centreSeed: number, rowSeed: number): { x: Float32Array; y: Float32Array } {
  const c = new SeededRandom(centreSeed);
  const centres = Array.from({ length: k * DIM }, () => gauss(c) * spread);
  const sd = Array.from({ length: k }, () => 0.6 + c.next());
  const rng = new SeededRandom(rowSeed);
  const x = new Float32Array(rows * DIM), y = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const b = rng.nextInt(k);
    y[i] = b;
    for (let j = 0; j < DIM; j++) x[i * DIM + j] = centres[b * DIM + j] + sd[b] * gauss(rng);
  }
  return { x, y };
}

/** Low-rank data for pca: 28 latent directions with standard deviations falling as exp(−j/8), mixed by a random matrix, plus offsets. */
function pcaData(rows: number, seed: number): CaseData {
  const rng = new SeededRandom(seed);
  const a = Array.from({ length: DIM * DIM }, () => gauss(rng) / Math.sqrt(DIM));
  const s = Array.from({ length: DIM }, (_, m) => Math.exp(-m / 8));
  const mean = Array.from({ length: DIM }, () => gauss(rng) * 5);
  const x = new Float32Array(rows * DIM);
  const z = new Float64Array(DIM);
  for (let i = 0; i < rows; i++) {
    for (let m = 0; m < DIM; m++) z[m] = s[m] * gauss(rng);
    for (let j = 0; j < DIM; j++) {
      let v = mean[j];
      for (let m = 0; m < DIM; m++) v += a[j * DIM + m] * z[m];
      x[i * DIM + j] = v;
    }
  }
  return { x, classes: 0 };
}

/** The data of `spec`, the same bits in Node and in Chromium. */
export function makeData(spec: CaseSpec): CaseData {
  switch (spec.name) {
    case 'linear-learner':
      return linearData(spec.rows, 101);
    case 'knn': {
      const index = mixture(spec.rows, 10, KNN_SPREAD, 202, 203);
      const queries = mixture(spec.queries, 10, KNN_SPREAD, 202, 204);
      return { x: index.x, y: index.y, q: queries.x, qy: queries.y, classes: 10 };
    }
    case 'kmeans':
      return { x: mixture(spec.rows, 10, KMEANS_SPREAD, 302, 303).x, classes: 0 };
    case 'pca':
      return pcaData(spec.rows, 401);
  }
}

/** FNV-1a over the bytes of every array, to show that Node, Chromium and Python saw the same data. */
export function checksum(data: CaseData): string {
  let h = 0x811c9dc5;
  for (const a of [data.x, data.y, data.q, data.qy]) {
    if (!a) continue;
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Hyperparameters of each case (the rest are the algorithm's defaults). */
export function hyperparameters(spec: CaseSpec): RawHyperparameters {
  switch (spec.name) {
    case 'linear-learner':
      // Every epoch runs: early stopping waits longer than the run.
      return { predictor_type: 'binary_classifier', epochs: spec.epochs, num_models: spec.numModels, early_stopping_patience: spec.epochs + 1 };
    case 'knn':
      return { k: 10, predictor_type: 'classifier', index_metric: 'L2' };
    case 'kmeans':
      return { k: 10, seed: 0 };
    case 'pca':
      return { num_components: 10, algorithm_mode: 'regular' };
  }
}

/** Whether the case's algorithm is in the registry (others may still be adding it). */
export function registered(name: CaseName): boolean {
  return algorithmNames().includes(name);
}

function facts(spec: CaseSpec, data: CaseData): DataFacts {
  const classes = data.classes ? Array.from({ length: data.classes }, (_, i) => String(i)) : undefined;
  const task = data.classes === 2 ? 'binary' : data.classes > 2 ? 'multiclass' : null;
  return { task, classes, nRows: spec.rows, nCols: spec.cols, featureNames: Array.from({ length: spec.cols }, (_, j) => `f${j}`) };
}

function accuracy(predicted: Int32Array, labels: Float32Array): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) right++;
  return right / labels.length;
}

/** Sum of squared distances of every row to its centre, accumulated in float64. */
function ssd(x: Float32Array, d: number, centres: Float32Array, closest: Int32Array): number {
  let total = 0;
  for (let i = 0; i < closest.length; i++) {
    const c = closest[i] * d;
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j] - centres[c + j];
      total += v * v;
    }
  }
  return total;
}

const now = () => globalThis.performance.now();

/**
 * One timed mlpad run of `spec` on `data` with the active TensorFlow.js backend. Timed: linear-learner,
 * kmeans and pca fit (per epoch for linear-learner); knn fit (building the index) plus infer on the queries.
 * Quality is measured outside the timed part.
 */
export async function runMlpad(spec: CaseSpec, data: CaseData): Promise<MlpadRun> {
  const estimator = getAlgorithm(spec.name);
  const params = estimator.resolve(hyperparameters(spec));
  const fitData = { features: data.x, nRows: spec.rows, nCols: spec.cols, ...(data.y ? { labels: data.y } : {}) };
  const t0 = now();
  const fitted = await estimator.fit(fitData, params, { facts: facts(spec, data), evalTrain: false });
  let seconds = (now() - t0) / 1000;
  const rounds = fitted.rounds ?? estimator.rounds(params);
  const quality: Record<string, number> = {};
  if (spec.name === 'knn') {
    const t1 = now();
    const out = await estimator.infer(fitted.model, { features: data.q!, nRows: spec.queries, nCols: spec.cols });
    seconds += (now() - t1) / 1000;
    if (out.kind === 'classification') quality.accuracy = accuracy(out.predictedLabel, data.qy!);
  } else {
    const out = await estimator.infer(fitted.model, fitData);
    if (out.kind === 'classification') quality.accuracy = accuracy(out.predictedLabel, data.y!);
    if (out.kind === 'clustering') {
      const centres = estimator.summary?.(fitted.model).centres;
      if (centres) quality.ssd = ssd(data.x, spec.cols, centres.values, out.closestCluster);
    }
    if (out.kind === 'decomposition') {
      const ratios = estimator.summary?.(fitted.model).explainedVarianceRatio ?? [];
      quality.explained_variance = ratios.reduce((a, b) => a + b, 0);
    }
  }
  return { seconds, rounds, quality, compute: fitted.compute.label, ...(spec.name === 'linear-learner' ? { perEpoch: seconds / rounds } : {}) };
}

/** Initialise TensorFlow.js on `backend`; null when it ran there, else why not (initTf fell back to another). */
export async function useBackend(backend: TfBackendName, options: TfInitOptions = {}): Promise<string | null> {
  const info = await initTf(backend, options);
  if (info.tfBackend === backend) return null;
  return info.failed.find((f) => f.name === backend)?.reason ?? `TensorFlow.js chose ${info.tfBackend} instead`;
}

const software = (text: string) => (/swiftshader|llvmpipe|software/i.test(text) ? ', software' : '');

/** The WebGPU adapter in words ("google swiftshader, software"). */
export async function adapterLabel(gpu?: GPU): Promise<string> {
  const adapter = await gpu?.requestAdapter();
  if (!adapter) return 'no adapter';
  const i = adapter.info;
  const text = `${i.vendor} ${i.architecture} ${i.device} ${i.description}`;
  return `${[i.vendor, i.architecture].filter(Boolean).join(' ') || 'unknown adapter'}${software(text)}`;
}

/** The WebGL renderer in words (ANGLE over SwiftShader here). */
export function webglLabel(): string {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return 'no WebGL2 context';
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  return /swiftshader/i.test(renderer) ? 'ANGLE on SwiftShader, software' : `${renderer}${software(renderer)}`;
}

/** Live tensors, to show that runs do not leak. */
export function liveTensors(): number {
  return tf.memory().numTensors;
}

// In the benchmark page: the API the Node driver calls through page.evaluate. Data stays in the page.
if (typeof window !== 'undefined') {
  const cache = new Map<string, CaseData>();
  const key = (s: CaseSpec) => JSON.stringify([s.name, s.rows, s.queries]);
  (window as unknown as { mlpadBench: unknown }).mlpadBench = {
    registered,
    adapterLabel: () => adapterLabel(navigator.gpu),
    webglLabel,
    async useBackend(backend: TfBackendName, wasmPaths: Record<string, string>) {
      return useBackend(backend, { wasmPaths, gpu: navigator.gpu, cores: navigator.hardwareConcurrency, probeTimeoutSeconds: 60 });
    },
    prepare(spec: CaseSpec): string {
      if (!cache.has(key(spec))) {
        cache.clear();
        cache.set(key(spec), makeData(spec));
      }
      return checksum(cache.get(key(spec))!);
    },
    run: (spec: CaseSpec) => runMlpad(spec, cache.get(key(spec))!),
    liveTensors,
  };
}
