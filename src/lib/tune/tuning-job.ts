// A tuning job: the strategy proposes hyperparameters, up to MaxParallelTrainingJobs trials run at once
// through the injected `runTrial` (a worker pool in Node, Web Workers in the studio), each round's objective
// feeds early stopping and Hyperband, and the job ends on its limits or completion criteria. Environment-free:
// no timers beyond one wake-up for MaxRuntimeInSeconds, no Node or DOM imports.
import { medianRuleStops } from './early-stopping.ts';
import { roundObjective } from './objective-metrics.ts';
import { asText, type TunedValues } from './ranges.ts';
import type { Observation } from './search-strategy.ts';
import type { CompletionReason, RunTrial, TrialRecord, TuningHooks, TuningJobConfig, TuningResult } from './tuning-job-api.ts';
import { planTuningJob } from './tuning-plan.ts';

interface Running {
  record: TrialRecord;
  values: TunedValues;
  /** Loss (sign × objective) per round. */
  losses: (number | undefined)[];
  stopBy?: TrialRecord['StoppedBy'];
}

/** Improvement SageMaker's BestObjectiveNotImproving asks for: 1% of the best so far. */
const MIN_IMPROVEMENT = 0.01;

/** Runs the tuning job `config`, each trial through `runTrial`; resolves when every trial has ended. Throws a sentence for a bad config. */
export async function runTuningJob(config: TuningJobConfig, runTrial: RunTrial, hooks: TuningHooks = {}): Promise<TuningResult> {
  const plan = planTuningJob(config);
  const { objective, sign } = plan;
  const clock = hooks.now ?? (() => globalThis.performance.now() / 1000);
  const t0 = clock();
  const elapsed = () => clock() - t0;
  const states: Running[] = [];
  const observations: Observation[] = [];
  const running = new Map<string, Promise<void>>();
  let best: TrialRecord | undefined;
  let bestLoss = Infinity;
  for (const t of plan.priorBest) {
    const loss = sign * t.FinalHyperParameterTuningJobObjectiveMetric!.Value;
    if (loss < bestLoss) { bestLoss = loss; best = t; }
  }
  let notImproving = 0;
  let endReason: CompletionReason | undefined;
  let exhausted = false;
  let sawObjective = false;
  let wake: (() => void) | undefined;
  const end = (reason: CompletionReason) => { endReason ??= reason; wake?.(); };
  const checkLimits = () => {
    if (endReason) return;
    if (hooks.shouldStop?.()) end('StoppedByUser');
    else if (elapsed() >= plan.maxRuntime) end('MaxRuntimeInSecondsReached');
  };
  const stoppedBy = (): TrialRecord['StoppedBy'] => endReason === 'StoppedByUser' ? 'User' : endReason === 'MaxRuntimeInSecondsReached' ? 'MaxRuntime' : 'CompletionCriteria';

  const finish = (state: Running, status: TrialRecord['TrainingJobStatus'], value: number | undefined, failure?: string) => {
    const r = state.record;
    r.TrainingJobStatus = status;
    r.TrainingEndTime = elapsed();
    if (value !== undefined) r.FinalHyperParameterTuningJobObjectiveMetric = { Type: objective.Type, MetricName: objective.MetricName, Value: value };
    r.ObjectiveStatus = value !== undefined ? 'Succeeded' : 'Failed';
    if (failure !== undefined) r.FailureReason = failure;
    if (status === 'Stopped') r.StoppedBy = state.stopBy ?? stoppedBy();
    if (value !== undefined) observations.push({ values: state.values, loss: sign * value });
    if (status === 'Completed' || status === 'Stopped') {
      const loss = value === undefined ? Infinity : sign * value;
      const improves = status === 'Completed' && loss < bestLoss - MIN_IMPROVEMENT * (Number.isFinite(bestLoss) ? Math.abs(bestLoss) : 0);
      if (status === 'Completed' && loss < bestLoss) { bestLoss = loss; best = r; }
      notImproving = improves ? 0 : notImproving + 1;
      if (plan.target !== undefined && best === r && (objective.Type === 'Maximize' ? value! >= plan.target : value! <= plan.target)) end('TargetObjectiveMetricValueReached');
      if (plan.notImproving !== undefined && notImproving >= plan.notImproving) end('BestObjectiveNotImproving');
    }
    hooks.onTrialEnd?.(r, best);
  };

  const start = (index: number, values: TunedValues, bracket: number | null) => {
    const id = `${plan.name}-${String(index + 1).padStart(3, '0')}`;
    const record: TrialRecord = {
      TrainingJobName: id, TrainingJobStatus: 'InProgress', TunedHyperParameters: asText(values),
      ObjectiveStatus: 'Pending', TrainingStartTime: elapsed(), ObjectivePerStep: [],
      ...(bracket !== null ? { HyperbandBracket: bracket } : {}),
    };
    const state: Running = { record, values, losses: [] };
    states.push(state);
    const hb = plan.hyperband;
    const hyperparameters = { ...plan.fixed, ...values, ...(hb ? { [hb.parameter]: hb.maxResource } : {}) };
    hooks.onTrialStart?.(record);
    const onRound = (step: number, metrics: Parameters<Parameters<RunTrial>[1]['onRound']>[1]) => {
      const v = roundObjective(objective.MetricName, metrics, config.Task);
      if (v === undefined || !Number.isFinite(v)) return;
      sawObjective = true;
      const loss = sign * v;
      state.losses[step] = loss;
      for (let s = record.ObjectivePerStep.length; s < step; s++) record.ObjectivePerStep[s] = null;
      record.ObjectivePerStep[step] = v;
      hooks.onTrialRound?.(record, step, v);
      if (state.stopBy) return;
      if (plan.earlyStopping && medianRuleStops(loss, step, states.slice(0, states.indexOf(state)).map((s) => s.losses))) state.stopBy = 'EarlyStopping';
      else if (hb && hb.schedule.observe(id, step + 1, loss) === 'stop') state.stopBy = 'Hyperband';
    };
    const shouldStop = () => { checkLimits(); return state.stopBy !== undefined || endReason !== undefined; };
    const lastValue = () => { for (let s = record.ObjectivePerStep.length - 1; s >= 0; s--) if (record.ObjectivePerStep[s] !== null) return record.ObjectivePerStep[s]!; return undefined; };
    const task = (async () => {
      try {
        const result = await runTrial({ id, hyperparameters, ...(hb ? { resource: hb.maxResource } : {}) }, { onRound, shouldStop });
        if (result.stopped || !result.metrics) finish(state, 'Stopped', lastValue());
        else {
          const value = result.metrics[objective.MetricName];
          if (value === undefined || !Number.isFinite(value)) {
            const got = Object.keys(result.metrics).join(', ') || 'nothing';
            finish(state, 'Failed', undefined, `the training job reported no ${objective.MetricName} (it reported ${got})`);
          } else finish(state, 'Completed', value);
        }
      } catch (e) {
        finish(state, 'Failed', undefined, e instanceof Error ? e.message : String(e));
      }
    })().finally(() => { running.delete(id); });
    running.set(id, task);
  };

  const launch = () => {
    while (!endReason && !exhausted && running.size < plan.maxParallel && states.length < plan.maxJobs) {
      const pending = states.filter((s) => s.record.TrainingJobStatus === 'InProgress').map((s) => s.values);
      const values = plan.strategy.next([...observations], pending);
      const bracket = values && plan.hyperband ? plan.hyperband.schedule.assign(`${plan.name}-${String(states.length + 1).padStart(3, '0')}`) : null;
      if (!values || (plan.hyperband && bracket === null)) { exhausted = true; break; }
      start(states.length, values, bracket);
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  if (Number.isFinite(plan.maxRuntime)) timer = setTimeout(() => { checkLimits(); wake?.(); }, plan.maxRuntime * 1000 + 5);
  try {
    for (;;) {
      checkLimits();
      launch();
      if (running.size === 0) break;
      await Promise.race([...running.values(), new Promise<void>((resolve) => { wake = resolve; })]);
      wake = undefined;
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }

  const records = states.map((s) => s.record);
  const count = (st: TrialRecord['TrainingJobStatus']) => records.filter((r) => r.TrainingJobStatus === st).length;
  const failed = count('Failed');
  const reason: CompletionReason = endReason ?? (exhausted || states.length >= plan.capacity ? 'AllTrainingJobsCompleted' : 'MaxNumberOfTrainingJobsReached');
  const allFailed = records.length > 0 && failed === records.length;
  if (!sawObjective && (plan.earlyStopping || plan.hyperband) && records.some((r) => r.TrainingJobStatus !== 'Failed')) {
    plan.notes.push(`no trial reported ${objective.MetricName} per round, so ${plan.hyperband ? 'Hyperband' : 'early stopping'} could not judge trials before they finished`);
  }
  const ws = config.WarmStartConfig;
  return {
    HyperParameterTuningJobName: plan.name,
    HyperParameterTuningJobConfig: config.HyperParameterTuningJobConfig,
    TrainingJobDefinition: config.TrainingJobDefinition,
    ...(ws ? { WarmStartConfig: { WarmStartType: ws.WarmStartType, ParentHyperParameterTuningJobs: ws.ParentHyperParameterTuningJobs.map((p) => ({ HyperParameterTuningJobName: p.HyperParameterTuningJobName })) } } : {}),
    HyperParameterTuningJobStatus: reason === 'StoppedByUser' ? 'Stopped' : allFailed ? 'Failed' : 'Completed',
    CompletionReason: reason,
    ...(allFailed ? { FailureReason: `every training job failed; the first: ${records[0].FailureReason}` } : {}),
    TrainingJobStatusCounters: { Completed: count('Completed'), InProgress: count('InProgress'), RetryableError: 0, NonRetryableError: failed, Stopped: count('Stopped') },
    ObjectiveStatusCounters: {
      Succeeded: records.filter((r) => r.ObjectiveStatus === 'Succeeded').length,
      Pending: records.filter((r) => r.ObjectiveStatus === 'Pending').length,
      Failed: records.filter((r) => r.ObjectiveStatus === 'Failed').length,
    },
    ...(best ? { BestTrainingJob: best } : {}),
    TrainingJobs: records,
    TuningJobCompletionDetails: { NumberOfTrainingJobsObjectiveNotImproving: notImproving },
    ElapsedSeconds: elapsed(),
    Notes: plan.notes,
  };
}
