// `mlpad tune`: SageMaker's automatic model tuning from the shell. Flags become a tuning job config
// (src/lib/tune), trials run in a pool of worker threads through the same job runner as `mlpad train`
// (src/cli/tune-pool.ts), and DIR receives tuning-job.json, trials.json, the best model and its metrics.json.
import { join } from 'node:path';
import { PrepareError } from '../../lib/ml/prepare/errors.ts';
import { prepareTrainingData } from '../../lib/ml/prepare/prepare-training-data.ts';
import type { AnyEstimator } from '../../lib/ml/registry.ts';
import { algorithmNames } from '../../lib/ml/registry.ts';
import { defaultDirection } from '../../lib/tune/objective-metrics.ts';
import type { CategoricalParameterRange, ContinuousParameterRange, ParameterRanges, ScalingType } from '../../lib/tune/ranges.ts';
import { runTuningJob } from '../../lib/tune/tuning-job.ts';
import type { TrialRecord, TuningJobConfig, TuningResult, TuningStrategy } from '../../lib/tune/tuning-job-api.ts';
import { trialsText, tuningJobText } from '../../lib/tune/tuning-files.ts';
import type { Task } from '../../lib/ml/prepare/types.ts';
import type { CliCommand } from '../command.ts';
import { CliError, UsageError } from '../errors.ts';
import { loadFlagSpecs, loadOptionsFromFlags } from '../load-flags.ts';
import { experimentFlagSpecs, openExperimentTarget } from '../experiment-flags.ts';
import { recordTuningRun } from '../experiment-jobs.ts';
import { createTrialPool } from '../tune-pool.ts';
import { algorithmOrUsage, asUserError, DEFAULT_HOLDOUT, invalidNumbersFlag, load, parseHyperparameters, targetFlag } from './train.ts';

const HINT = 'mlpad tune --help';
const SCALES: Record<string, ScalingType> = { log: 'Logarithmic', linear: 'Linear', 'reverse-log': 'ReverseLogarithmic', auto: 'Auto' };
const STRATEGIES: Record<string, TuningStrategy> = { random: 'Random', grid: 'Grid', bayesian: 'Bayesian', hyperband: 'Hyperband' };

/** `--range` words: NAME=LOW:HIGH[:log|:linear|:reverse-log] (numeric) or NAME=a,b,c (categorical), by the schema's type. */
export function parseRanges(text: string | undefined, estimator: AnyEstimator): ParameterRanges {
  const out: { ContinuousParameterRanges: ContinuousParameterRange[]; IntegerParameterRanges: ContinuousParameterRange[]; CategoricalParameterRanges: CategoricalParameterRange[] } =
    { ContinuousParameterRanges: [], IntegerParameterRanges: [], CategoricalParameterRanges: [] };
  for (const word of (text ?? '').split(/\s+/).filter((w) => w !== '')) {
    const eq = word.indexOf('=');
    if (eq <= 0 || eq === word.length - 1) throw new UsageError(`--range takes NAME=LOW:HIGH[:log] or NAME=a,b,c; got ${JSON.stringify(word)}`, HINT);
    const Name = word.slice(0, eq), value = word.slice(eq + 1);
    const spec = estimator.schema.find((s) => s.name === Name || s.aliases?.includes(Name));
    const numeric = value.includes(':') && spec?.type !== 'enum' && spec?.type !== 'bool';
    if (!numeric) { out.CategoricalParameterRanges.push({ Name, Values: value.split(',') }); continue; }
    const [lo, hi, scale, extra] = value.split(':');
    if (hi === undefined || extra !== undefined || (scale !== undefined && !(scale in SCALES))) {
      throw new UsageError(`--range ${Name} takes LOW:HIGH with an optional :log, :linear or :reverse-log; got ${JSON.stringify(value)}`, HINT);
    }
    const range = { Name, MinValue: lo, MaxValue: hi, ...(scale ? { ScalingType: SCALES[scale] } : {}) };
    (spec?.type === 'int' ? out.IntegerParameterRanges : out.ContinuousParameterRanges).push(range);
  }
  return out;
}

function intFlag(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < (name === 'seed' ? 0 : 1)) throw new UsageError(`--${name} must be a whole number ≥ ${name === 'seed' ? 0 : 1}; got ${JSON.stringify(text)}`, HINT);
  return v;
}

/** The default objective: AUC (binary), accuracy (multiclass), RMSE (regression); msd, explained variance or F1 on the held-out channel otherwise. */
function defaultObjective(estimator: AnyEstimator, task: Task | null, channel: string): string {
  if (estimator.kind === 'supervised') return `validation:${task === 'binary' ? 'auc' : task === 'multiclass' ? 'accuracy' : 'rmse'}`;
  return `${channel}:${estimator.kind === 'clustering' ? 'msd' : estimator.kind === 'decomposition' ? 'explained_variance' : 'f1'}`;
}

const fmt = (v: number | undefined) => (v === undefined ? '—' : Math.abs(v) >= 1000 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(4) : v.toFixed(5));

export const tuneCommand: CliCommand = {
  name: 'tune',
  summary: 'Tune an algorithm\'s hyperparameters (SageMaker automatic model tuning) and keep the best model',
  description:
    'Ranges: --range NAME=LOW:HIGH[:log|:linear|:reverse-log] for numbers, --range NAME=a,b,c for values (Grid takes\n' +
    'only these). Strategies: bayesian (default; a Gaussian process with expected improvement), random, grid and\n' +
    'hyperband (over num_round or epochs). Trials run in --max-parallel worker threads, each through the same job\n' +
    'runner as `mlpad train`; a supervised job without --validation holds out 20% of the training rows, the same rows\n' +
    'for every trial. DIR (default tuning) receives tuning-job.json (DescribeHyperParameterTuningJob), trials.json\n' +
    '(ListTrainingJobsForHyperParameterTuningJob), model.json (the best trial\'s model) and its metrics.json.\n' +
    'The best trial is printed on stdout as JSON; progress goes to stderr.',
  flags: [
    { name: 'algorithm', type: 'string', valueName: 'NAME', help: `the algorithm: ${algorithmNames().join(', ')} (default xgboost)` },
    { name: 'train', type: 'string', required: true, valueName: 'FILE', help: 'training data (CSV, TSV, JSON, Parquet, Arrow)' },
    { name: 'target', type: 'string', valueName: 'COLUMN', help: 'the column to predict (required for supervised algorithms)' },
    { name: 'validation', type: 'string', valueName: 'FILE', help: 'validation data (default: 20% of the training rows, supervised)' },
    { name: 'test', type: 'string', valueName: 'FILE', help: 'test data, for test: objectives (e.g. test:msd for kmeans)' },
    { name: 'range', type: 'string', multiple: true, valueName: 'NAME=LOW:HIGH[:log] | NAME=a,b,c ...', help: 'a hyperparameter range (repeatable)' },
    { name: 'strategy', type: 'string', valueName: 'NAME', help: 'bayesian (default), random, grid or hyperband' },
    { name: 'objective', type: 'string', valueName: 'CHANNEL:METRIC', help: 'e.g. validation:auc, validation:rmse, test:msd (default by task: auc, accuracy, rmse)' },
    { name: 'max-jobs', type: 'string', valueName: 'N', help: 'trials to run (default 10; Grid: every combination; Hyperband: its plan)' },
    { name: 'max-parallel', type: 'string', valueName: 'N', help: 'trials at once, one worker thread each (default 1)' },
    { name: 'early-stopping', type: 'string', valueName: 'auto|off', help: 'stop trials worse than the median of earlier ones at the same round (default off)' },
    { name: 'max-runtime-seconds', type: 'string', valueName: 'N', help: 'stop the job after N seconds, keeping finished trials' },
    { name: 'target-value', type: 'string', valueName: 'X', help: 'end once a trial reaches this objective value' },
    { name: 'not-improving', type: 'string', valueName: 'N', help: 'end after N trials in a row do not improve the best by 1%' },
    { name: 'min-resource', type: 'string', valueName: 'N', help: 'Hyperband: fewest rounds or epochs (default 1)' },
    { name: 'max-resource', type: 'string', valueName: 'N', help: 'Hyperband: most rounds or epochs (default the algorithm\'s num_round or epochs)' },
    { name: 'seed', type: 'string', valueName: 'N', help: 'RandomSeed of the strategy (default 0)' },
    { name: 'hp', type: 'string', multiple: true, valueName: 'NAME=VALUE ...', help: 'static hyperparameters for every trial' },
    { name: 'positive-label', type: 'string', valueName: 'LABEL', help: 'positive class of a binary target (default: second in sorted order)' },
    { name: 'invalid-numbers', type: 'string', valueName: 'error|missing', help: 'text in a numeric column: refuse (default) or read as missing' },
    { name: 'warm-start', type: 'string', multiple: true, valueName: 'DIR ...', help: 'parent tuning jobs: the --out folders of earlier runs, whose tuning-job.json seeds the search (repeatable)' },
    { name: 'warm-start-type', type: 'string', valueName: 'identical|transfer', help: 'IdenticalDataAndAlgorithm (default; a parent trial may be the best) or TransferLearning' },
    { name: 'name', type: 'string', valueName: 'NAME', help: 'the tuning job\'s name; trials are NAME-001… (default tuning-job)' },
    { name: 'out', type: 'string', valueName: 'DIR', help: 'output folder (default tuning)' },
    ...loadFlagSpecs('every data file (train, validation, test)'),
    ...experimentFlagSpecs(),
  ],
  async run(flags, io) {
    const estimator = algorithmOrUsage((flags.algorithm as string | undefined) ?? 'xgboost', HINT);
    const statics = parseHyperparameters(flags.hp as string | undefined);
    const ranges = parseRanges(flags.range as string | undefined, estimator);
    const strategyText = ((flags.strategy as string | undefined) ?? 'bayesian').toLowerCase();
    const Strategy = STRATEGIES[strategyText];
    if (!Strategy) throw new UsageError(`--strategy must be bayesian, random, grid or hyperband; got ${JSON.stringify(flags.strategy)}`, HINT);
    const early = ((flags['early-stopping'] as string | undefined) ?? 'off').toLowerCase();
    if (early !== 'auto' && early !== 'off') throw new UsageError(`--early-stopping must be auto or off; got ${JSON.stringify(flags['early-stopping'])}`, HINT);
    const invalid = invalidNumbersFlag(flags, HINT);
    const num = (name: string) => {
      const t = flags[name] as string | undefined;
      if (t === undefined) return undefined;
      const v = Number(t);
      if (!Number.isFinite(v)) throw new UsageError(`--${name} must be a number; got ${JSON.stringify(t)}`, HINT);
      return v;
    };
    const target = targetFlag(flags, estimator, 'tune', HINT);
    const reading = loadOptionsFromFlags(flags, HINT);
    const out = (flags.out as string | undefined) ?? 'tuning';
    const maxParallel = intFlag(flags['max-parallel'] as string | undefined, 'max-parallel') ?? 1;
    const experiment = await openExperimentTarget(flags, HINT, flags.train as string, 'Tuning');

    const train = await load(io, flags.train as string, reading);
    const holdOut = estimator.kind === 'supervised' && flags.validation === undefined ? DEFAULT_HOLDOUT : 0;
    const prepare = { ...(target !== undefined ? { target } : {}), positiveLabel: flags['positive-label'] as string | undefined, split: { validationFraction: holdOut } };
    // The target's task, to check the objective and pick its default; a bad target fails here, once.
    let task: Task | null = null;
    if (target !== undefined && estimator.kind === 'supervised') {
      try { task = prepareTrainingData(train, { ...prepare, invalidNumbers: invalid }).encoding.task ?? null; } catch (e) {
        if (e instanceof PrepareError) throw new CliError(e.message);
        throw e;
      }
    }
    const channel = flags.test ? 'test' : flags.validation ? 'validation' : 'train';
    const MetricName = (flags.objective as string | undefined) ?? defaultObjective(estimator, task, channel);
    const config: TuningJobConfig = {
      HyperParameterTuningJobName: (flags.name as string | undefined) ?? 'tuning-job',
      Task: task,
      TrainingJobDefinition: { AlgorithmName: estimator.name, StaticHyperParameters: statics },
      HyperParameterTuningJobConfig: {
        Strategy,
        HyperParameterTuningJobObjective: { Type: defaultDirection(MetricName), MetricName },
        ParameterRanges: ranges,
        ResourceLimits: {
          ...(flags['max-jobs'] !== undefined ? { MaxNumberOfTrainingJobs: intFlag(flags['max-jobs'] as string, 'max-jobs') } : {}),
          MaxParallelTrainingJobs: maxParallel,
          ...(flags['max-runtime-seconds'] !== undefined ? { MaxRuntimeInSeconds: num('max-runtime-seconds') } : {}),
        },
        TrainingJobEarlyStoppingType: early === 'auto' ? 'Auto' : 'Off',
        TuningJobCompletionCriteria: {
          ...(flags['target-value'] !== undefined ? { TargetObjectiveMetricValue: num('target-value') } : {}),
          ...(flags['not-improving'] !== undefined ? { BestObjectiveNotImproving: { MaxNumberOfTrainingJobsNotImproving: intFlag(flags['not-improving'] as string, 'not-improving')! } } : {}),
        },
        ...(Strategy === 'Hyperband' ? { StrategyConfig: { HyperbandStrategyConfig: { MinResource: intFlag(flags['min-resource'] as string | undefined, 'min-resource'), MaxResource: intFlag(flags['max-resource'] as string | undefined, 'max-resource') } } } : {}),
        RandomSeed: intFlag(flags.seed as string | undefined, 'seed') ?? 0,
      },
    };
    const parents = flags['warm-start'] as string | undefined;
    if (parents !== undefined) {
      const kind = ((flags['warm-start-type'] as string | undefined) ?? 'identical').toLowerCase();
      if (kind !== 'identical' && kind !== 'transfer') throw new UsageError(`--warm-start-type must be identical or transfer; got ${JSON.stringify(flags['warm-start-type'])}`, HINT);
      const results: TuningResult[] = [];
      for (const dir of parents.split(/\s+/).filter((d) => d !== '')) {
        const file = join(dir, 'tuning-job.json');
        let parsed: unknown;
        try { parsed = JSON.parse(new TextDecoder().decode(await io.readFile(file))); } catch (e) { throw new CliError(`--warm-start ${dir}: cannot read ${file} (${(e as Error).message}); give the --out folder of an earlier mlpad tune`); }
        if (parsed === null || typeof parsed !== 'object' || !Array.isArray((parsed as TuningResult).TrainingJobs)) throw new CliError(`--warm-start ${dir}: ${file} is not a tuning job written by mlpad tune (no TrainingJobs)`);
        results.push(parsed as TuningResult);
      }
      config.WarmStartConfig = { ParentHyperParameterTuningJobs: results, WarmStartType: kind === 'identical' ? 'IdenticalDataAndAlgorithm' : 'TransferLearning' };
    } else if (flags['warm-start-type'] !== undefined) throw new UsageError('--warm-start-type needs --warm-start DIR', HINT);
    const pool = createTrialPool(maxParallel, {
      algorithm: estimator.name,
      files: { train: flags.train as string, ...(flags.validation ? { validation: flags.validation as string } : {}), ...(flags.test ? { test: flags.test as string } : {}) },
      reading, prepare, invalidNumbers: invalid,
    });
    let result;
    try {
      io.stderr(`mlpad: tuning ${estimator.name} (${Strategy}, ${config.HyperParameterTuningJobConfig.HyperParameterTuningJobObjective.Type} ${MetricName}) with ${maxParallel} thread${maxParallel === 1 ? '' : 's'}\n`);
      result = await runTuningJob(config, pool.runTrial, {
        onTrialEnd(t: TrialRecord, best) {
          pool.keepOnly(best?.TrainingJobName);
          const hp = Object.entries(t.TunedHyperParameters).map(([k, v]) => `${k}=${v}`).join(' ');
          const value = t.FinalHyperParameterTuningJobObjectiveMetric?.Value;
          io.stderr(`${t.TrainingJobName}\t${t.TrainingJobStatus}${t.StoppedBy ? ` (${t.StoppedBy})` : ''}\t${MetricName}=${fmt(value)}\t${hp}${t.FailureReason ? `\t${t.FailureReason}` : ''}${best === t ? '\tbest so far' : ''}\n`);
        },
      });
    } catch (e) {
      throw asUserError(e);
    } finally {
      await pool.close();
    }
    await io.writeFile(join(out, 'tuning-job.json'), tuningJobText(result));
    await io.writeFile(join(out, 'trials.json'), trialsText(result));
    for (const n of result.Notes) io.stderr(`note: ${n}\n`);
    const best = result.BestTrainingJob;
    const files = best && pool.artifacts(best.TrainingJobName);
    const data = { train: flags.train as string, validation: flags.validation as string | undefined, test: flags.test as string | undefined };
    if (!best || !files) {
      if (experiment) await recordTuningRun(io, experiment, result, { data, tuningJobJson: tuningJobText(result), statics });
      throw new CliError(`no training job completed (${result.CompletionReason})${result.FailureReason ? `: ${result.FailureReason}` : ''}; see ${join(out, 'trials.json')}`);
    }
    await io.writeFile(join(out, 'model.json'), new TextDecoder().decode(files.model));
    const metrics = { ...JSON.parse(new TextDecoder().decode(files.metricsJson)), model: join(out, 'model.json'), tuning_job: result.HyperParameterTuningJobName, training_job: best.TrainingJobName };
    if (holdOut > 0) metrics.notes.push(`${Math.round(holdOut * 100)}% of the training rows were held out for validation, the same rows for every trial`);
    await io.writeFile(join(out, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
    if (experiment) await recordTuningRun(io, experiment, result, { data, model: { path: join(out, 'model.json'), bytes: files.model }, metricsJson: JSON.stringify(metrics, null, 2) + '\n', tuningJobJson: tuningJobText(result), statics });
    const c = result.TrainingJobStatusCounters;
    io.stderr(`mlpad: ${result.CompletionReason}: ${c.Completed} completed, ${c.Stopped} stopped, ${c.NonRetryableError} failed in ${result.ElapsedSeconds.toFixed(1)} s; best ${best.TrainingJobName} ${MetricName}=${fmt(best.FinalHyperParameterTuningJobObjectiveMetric?.Value)} → ${out}/\n`);
    io.stdout(JSON.stringify(best, null, 2) + '\n');
    return 0;
  },
};
