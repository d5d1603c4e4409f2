// One training job, start to finish, for every algorithm: the studio's worker and `mlpad train` both call
// runTrainingJob, so the two cannot drift apart. Prepare (encode, split, impute) → check the hyperparameters
// against the data → fit while streaming each round → infer and evaluate every split → package the model
// (encoding inside), the predictions CSV and metrics.json as bytes. Pure: runs in a worker or in Node alike.
import type { Table } from 'apache-arrow';
import type { TfBackendName } from '../compute/types.ts';
import type { DataFacts, FitCallbacks, FitData, Inference, RawHyperparameters, Task } from '../ml/estimator.ts';
import { HyperparameterError, validateHyperparameters } from '../ml/hyperparameters.ts';
import { ENCODING_ATTRIBUTE } from '../ml/prepare/model-encoding.ts';
import { encodeHeldOut } from '../ml/prepare/held-out.ts';
import { imputeSets, trainingMeans } from '../ml/prepare/impute.ts';
import { PrepareError } from '../ml/prepare/errors.ts';
import { prepareTrainingData } from '../ml/prepare/prepare-training-data.ts';
import type { FeatureEncoding } from '../ml/prepare/types.ts';
import { getAlgorithm, type AnyEstimator } from '../ml/registry.ts';
import { evaluateInference } from './evaluate-inference.ts';
import { metricsFile } from './metrics-file.ts';
import { pointSample } from './point-sample.ts';
import { surfaceOf, surfacePoints } from './surface.ts';
import { splitPredictionsCsv } from './predictions-csv.ts';
import type { SplitEvaluation, SplitName, TrainJob, TrainResult, TrainRound, TrainStage } from './train-engine-api.ts';

const now = () => globalThis.performance.now();

/** The tables of a job: the training table (split by `job.prepare.split`) and optional separate files. */
export interface JobTables {
  train: Table;
  /** A separate validation file (the CLI's --validation); the training table is then not split for validation. */
  validation?: Table;
  /** A separate test file (the CLI's --test). */
  test?: Table;
  /** File names of the separate sets, for messages and notes; default to "validation" and "test". */
  names?: { validation?: string; test?: string };
}

/** What the caller provides beyond the job. */
export interface JobHooks {
  /** Called after each round with its metrics. */
  onRound?(round: TrainRound): void;
  /** Called once the model has trained, before it is evaluated (the studio's progress says so); defaults to none. */
  onStage?(stage: TrainStage): void;
  /** Awaited between rounds (a worker yields to its event loop); defaults to none. */
  betweenRounds?(): Promise<void> | void;
  /** Initialises TensorFlow.js for estimators whose compute is 'tfjs', on one of `allowed` (the algorithm's backends; all when undefined); resolves to the backend in use and why. Defaults to none (the global backend as it is). */
  tensorflow?(allowed?: readonly TfBackendName[]): Promise<{ label: string; reason?: string }>;
  /** Grid points per side of the model surface to stream each round (supervised jobs on two features); defaults to none. */
  surface?: number;
  /** Text in a numeric column: 'error' refuses (the CLI's default), 'missing' reads it as missing with a note; defaults to the prepare options'. */
  invalidNumbers?: 'error' | 'missing';
}

/** Raw hyperparameters with the data's suggestions (objective, num_class, predictor_type…) filled in where not given; '' suggests leaving a parameter unset. */
export function withTaskDefaults(estimator: AnyEstimator, raw: RawHyperparameters, facts: DataFacts): RawHyperparameters {
  const given = new Set(Object.keys(raw).flatMap((k) => {
    const spec = estimator.schema.find((s) => s.name === k || s.aliases?.includes(k));
    return spec ? [spec.name, ...(spec.aliases ?? [])] : [k];
  }));
  const out: RawHyperparameters = { ...raw };
  for (const [k, v] of Object.entries(estimator.taskDefaults(facts, raw))) if (!given.has(k) && v !== '') out[k] = v;
  return out;
}

/** The resolved hyperparameters as text, by their schema names (fields a params object keeps for itself are left out). */
function describeParams(estimator: AnyEstimator, params: object): Record<string, string> {
  const names = new Set(estimator.schema.map((s) => s.name));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (!names.has(k) || v === null || v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(',') : String(v);
  }
  return out;
}

/** The task the job asks for: given, implied by the hyperparameters, or (anomaly with labels) binary. */
function jobTask(estimator: AnyEstimator, job: TrainJob): Task | undefined {
  if (job.prepare.target === undefined) return undefined;
  if (estimator.kind === 'anomaly') return 'binary';
  return job.prepare.task ?? estimator.taskOf?.(job.hyperparameters);
}

/** The hyperparameter that sets the task (objective, predictor_type), if one does. */
function taskParameter(estimator: AnyEstimator, raw: RawHyperparameters, task: Task): string | undefined {
  return Object.keys(raw).find((k) => estimator.taskOf?.({ [k]: raw[k] }) === task);
}

function checkTarget(estimator: AnyEstimator, job: TrainJob): void {
  const target = job.prepare.target;
  if (estimator.target === 'none' && target !== undefined) {
    throw new PrepareError(`${estimator.name} learns without a target (it is ${estimator.kind === 'clustering' ? 'a clustering' : `a ${estimator.kind}`} algorithm); remove the target ${JSON.stringify(target)}`);
  }
  if (estimator.target === 'required' && target === undefined) throw new PrepareError(`${estimator.name} learns to predict a target: choose the target column`);
}

/** Runs `job` on `tables`; rejects with a sentence naming the bad parameter, column or file. */
export async function runTrainingJob(tables: JobTables, job: TrainJob, hooks: JobHooks = {}): Promise<TrainResult> {
  const t0 = now();
  const estimator = getAlgorithm(job.algorithm);
  // Names and ranges first, so a typo fails before any data work.
  validateHyperparameters(estimator.schema, job.hyperparameters);
  checkTarget(estimator, job);
  const invalidNumbers = hooks.invalidNumbers ?? job.prepare.invalidNumbers ?? 'missing';
  const split = tables.validation ? { ...job.prepare.split, validationFraction: 0 } : job.prepare.split;
  const task = jobTask(estimator, job);
  let prepared;
  try {
    prepared = prepareTrainingData(tables.train, {
      ...job.prepare, task, split, invalidNumbers, ...(estimator.categorical ? { categorical: estimator.categorical } : {}),
    });
  } catch (e) {
    // A task the hyperparameters chose that the target cannot take: name the hyperparameter.
    const by = task !== undefined && job.prepare.task === undefined ? taskParameter(estimator, job.hyperparameters, task) : undefined;
    if (by && e instanceof PrepareError) throw new HyperparameterError(by, `${by} ${JSON.stringify(String(job.hyperparameters[by]))} asks for a ${task} task, but ${e.message}`);
    throw e;
  }
  const encoding: FeatureEncoding = prepared.encoding;
  const notes = prepared.notes;
  const sets = new Map<SplitName, { data: FitData; rows: Uint32Array }>([['train', { data: prepared.train, rows: prepared.rows.train }]]);
  if (tables.validation) sets.set('validation', encodeHeldOut(tables.validation, encoding, tables.names?.validation ?? 'validation', notes, invalidNumbers));
  else if (prepared.validation) sets.set('validation', { data: prepared.validation, rows: prepared.rows.validation! });
  if (tables.test) sets.set('test', encodeHeldOut(tables.test, encoding, tables.names?.test ?? 'test', notes, invalidNumbers));
  else if (prepared.test) sets.set('test', { data: prepared.test, rows: prepared.rows.test! });

  const train = prepared.train;
  const facts: DataFacts = {
    task: encoding.task ?? null, classes: encoding.classes, ...(encoding.target !== undefined ? { target: encoding.target } : {}),
    nRows: train.nRows, nCols: train.nCols, featureNames: encoding.featureNames,
  };
  if (facts.task && estimator.kind === 'supervised' && !estimator.tasks.includes(facts.task)) {
    throw new PrepareError(`${estimator.name} does not train ${facts.task} tasks (it trains ${estimator.tasks.join(', ')}); choose another algorithm or target`);
  }
  const params = estimator.resolve(withTaskDefaults(estimator, job.hyperparameters, facts));
  estimator.checkData?.(params, facts);
  if (!estimator.acceptsMissing) {
    encoding.impute = trainingMeans(train);
    notes.push(...imputeSets([...sets.values()].map((s) => s.data), encoding.impute, encoding.featureNames));
  }
  const backend = estimator.compute === 'tfjs' ? await hooks.tensorflow?.(estimator.tfBackends) : undefined;

  const history: TrainRound[] = [];
  const totalRounds = estimator.rounds(params);
  const grid = hooks.surface && estimator.kind === 'supervised' ? surfacePoints(train, hooks.surface) : undefined;
  // A round with a surface is sent once the surface is drawn, before training goes on (peek is valid until then).
  let drawing: Promise<TrainRound> | null = null;
  const t1 = now();
  const callbacks: FitCallbacks = {
    onRound(round, metrics, peek) {
      const r: TrainRound = { round, totalRounds, train: metrics.train, validation: metrics.validation, seconds: (now() - t1) / 1000 };
      history.push(r);
      if (grid && peek) drawing = peek(grid.matrix).then((inference) => ({ ...r, surface: surfaceOf(grid, inference) }));
      else hooks.onRound?.(r);
    },
    ...(hooks.betweenRounds || grid ? {
      async betweenRounds() {
        if (drawing) { const r = await drawing; drawing = null; hooks.onRound?.(r); }
        await hooks.betweenRounds?.();
      },
    } : {}),
  };
  const fitted = await estimator.fit(train, params, { validation: sets.get('validation')?.data, callbacks, facts });
  const t2 = now();
  const evaluated = [...sets].filter(([, s]) => s.data.nRows > 0).map(([name]) => name);
  hooks.onStage?.({ stage: 'evaluating', splits: [...evaluated.filter((n) => n !== 'train'), ...evaluated.filter((n) => n === 'train')] });
  const { model } = fitted;
  const summary = estimator.summary?.(model) ?? {};
  const curves = (await estimator.curves?.(train, params, model)) ?? [];
  const surface = grid ? surfaceOf(grid, await estimator.infer(model, grid.matrix)) : undefined;

  const evaluations: SplitEvaluation[] = [];
  const inferences = new Map<SplitName, Inference>();
  for (const [name, s] of sets) {
    if (s.data.nRows === 0) continue;
    const inference = await estimator.infer(model, s.data);
    inferences.set(name, inference);
    evaluations.push(evaluateInference(name, inference, s.data, encoding, summary));
  }
  const heldOut = [...inferences.keys()].filter((n) => n !== 'train');
  const shown = heldOut.length ? heldOut : ['train' as const];
  // Id columns go with the rows so the download joins back to the source (when every row shown is the training table's).
  const oneTable = !tables.validation && !tables.test;
  const idVectors = oneTable ? prepared.idColumns.map((name) => ({ name, vector: tables.train.getChild(name)! })) : [];
  const keysOf = (n: SplitName) => idVectors.map(({ name, vector }) => ({
    name, values: Array.from(sets.get(n)!.rows, (r) => { const v = vector.get(r); return v === null || v === undefined ? null : String(v); }),
  }));
  const csv = splitPredictionsCsv(encoding, shown.map((n) => ({ split: n, rows: sets.get(n)!.rows, labels: sets.get(n)!.data.labels, inference: inferences.get(n)!, keys: keysOf(n) })));
  const first = shown[0];
  const points = estimator.kind === 'supervised' ? undefined : pointSample(first, sets.get(first)!.data, sets.get(first)!.rows, inferences.get(first)!);

  const result: Omit<TrainResult, 'metricsJson'> = {
    algorithm: estimator.name,
    kind: estimator.kind,
    task: encoding.task ?? null,
    encoding,
    hyperparameters: { ...describeParams(estimator, params as object), ...fitted.ran },
    rounds: fitted.rounds ?? history.length,
    totalRounds,
    ...(fitted.bestIteration !== undefined ? { bestIteration: fitted.bestIteration } : {}),
    history,
    evaluations,
    importance: estimator.importance?.(model, encoding.featureNames),
    summary,
    ...(points ? { points } : {}),
    curves,
    ...(surface ? { surface } : {}),
    model: estimator.serialize(model, { [ENCODING_ATTRIBUTE]: JSON.stringify(encoding) }),
    modelFormat: estimator.format,
    predictionsCsv: new TextEncoder().encode(csv),
    notes,
    prepareSeconds: (t1 - t0) / 1000,
    trainSeconds: (t2 - t1) / 1000,
    threads: fitted.compute.threads ?? 1,
    compute: fitted.compute.label || backend?.label || 'CPU',
    ...(fitted.compute.reason ?? backend?.reason ? { computeReason: fitted.compute.reason ?? backend?.reason } : {}),
  };
  return { ...result, metricsJson: new TextEncoder().encode(JSON.stringify(metricsFile(result), null, 2) + '\n') };
}
