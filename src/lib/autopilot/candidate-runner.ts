// One Autopilot candidate through the one job pipeline: runTrainingJob fits and packages the model (its
// encoding inside), then the packaged model is opened again and applied to each table to predict exactly as
// `mlpad predict` applies it (modelFeatures → infer), so a leaderboard figure and a prediction of the
// downloaded file agree. Runs in the calling thread; a worker pool wraps the same function.
import type { TfBackendName } from '../compute/types.ts';
import { modelFeatures } from '../engine/model-features.ts';
import { runTrainingJob } from '../engine/run-job.ts';
import { openModel } from '../ml/open-model.ts';
import { encodeLabels } from '../ml/prepare/labels.ts';
import { finalMetrics } from '../tune/objective-metrics.ts';
import type { CandidateOutcome, CandidateRequest, RunCandidate } from './autopilot-api.ts';
import { predictionsOf } from './objective-score.ts';

class CandidateStopped extends Error {}

const now = () => globalThis.performance.now();

/** Options of localCandidateRunner. */
export interface LocalRunnerOptions {
  /** Initialises TensorFlow.js for tfjs estimators (see JobHooks.tensorflow); defaults to the global backend as it is. */
  tensorflow?(allowed?: readonly TfBackendName[]): Promise<{ label: string; reason?: string }>;
  /** Whether the outcome carries the job pipeline's result (CandidateOutcome.job, for the Train view); defaults to false. */
  keepJob?: boolean;
}

/** Runs `request` in this thread; the outcome's predictions are those of the packaged model file. */
export async function runCandidate(request: CandidateRequest, hooks: Parameters<RunCandidate>[1], options: LocalRunnerOptions = {}): Promise<CandidateOutcome | { stopped: true }> {
  if (hooks.shouldStop()) return { stopped: true };
  let result;
  try {
    result = await runTrainingJob(
      { train: request.train, ...(request.validation ? { validation: request.validation } : {}), ...(request.test ? { test: request.test } : {}), names: { validation: 'validation split', test: 'test split' } },
      { algorithm: request.algorithm, hyperparameters: request.hyperparameters, prepare: request.prepare },
      {
        invalidNumbers: 'missing',
        ...(options.tensorflow ? { tensorflow: options.tensorflow } : {}),
        onRound(r) { hooks.onRound(r.round, { ...(r.train ? { train: r.train } : {}), ...(r.validation ? { validation: r.validation } : {}) }); },
        betweenRounds() { if (hooks.shouldStop()) throw new CandidateStopped('stopped'); },
      },
    );
  } catch (e) {
    if (e instanceof CandidateStopped) return { stopped: true };
    throw e;
  }
  const { estimator, model, encoding } = openModel(result.model, `the ${request.algorithm} candidate`);
  const predictions: CandidateOutcome['predictions'] = [];
  for (const table of request.predict) {
    const t0 = now();
    const x = modelFeatures(table, encoding, estimator.featureNames?.(model) ?? [], estimator.featureCount(model), 'the rows to predict');
    const inference = await estimator.infer(model, x);
    const seconds = (now() - t0) / 1000;
    predictions.push({ predictions: predictionsOf(inference), labels: encodeLabels(table, encoding!), secondsPerRow: table.numRows > 0 ? seconds / table.numRows : NaN });
  }
  const { model: _model, metricsJson: _metrics, ...job } = result;
  void _model; void _metrics;
  return {
    ...(options.keepJob ? { job } : {}),
    metrics: finalMetrics(result.evaluations),
    hyperparameters: result.hyperparameters,
    model: result.model,
    modelExtension: result.modelFormat.extension,
    metricsJson: result.metricsJson,
    trainSeconds: result.prepareSeconds + result.trainSeconds,
    predictions,
  };
}

/** A RunCandidate that trains in the calling thread. */
export function localCandidateRunner(options: LocalRunnerOptions = {}): RunCandidate {
  return (request, hooks) => runCandidate(request, hooks, options);
}
