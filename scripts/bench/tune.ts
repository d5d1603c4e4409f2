// `npm run bench:tune`: Bayesian against Random search at equal trial counts, on real training jobs.
// xgboost on a binary set (loan-approval, validation:auc) and a regression set (vega-datasets cars,
// Miles_per_Gallon, validation:rmse), and linear-learner on loan-approval; SEEDS seeds each, the median of
// each seed's best validation objective per strategy. Trials run in-process, one at a time, through the same
// job runner as `mlpad train`. TRIALS and SEEDS environment variables shrink or grow the run (default 20, 5).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadBytes } from '../../src/lib/data/index.ts';
import { runTrainingJob, type JobTables } from '../../src/lib/engine/run-job.ts';
import { finalMetrics } from '../../src/lib/tune/objective-metrics.ts';
import type { ParameterRanges } from '../../src/lib/tune/ranges.ts';
import { runTuningJob } from '../../src/lib/tune/tuning-job.ts';
import type { RunTrial, TuningStrategy } from '../../src/lib/tune/tuning-job-api.ts';
import type { RawHyperparameters, Task } from '../../src/lib/ml/estimator.ts';

const TRIALS = Number(process.env.TRIALS ?? 20);
const SEEDS = Number(process.env.SEEDS ?? 5);

async function table(path: string) {
  return (await loadBytes(path.split('/').pop()!, new Uint8Array(readFileSync(path)), {})).table;
}

interface Case { name: string; algorithm: string; file: string; target: string; task: Task; metric: string; ranges: ParameterRanges; statics: RawHyperparameters }
const LOAN = fileURLToPath(new URL('../../public/samples/loan-approval.csv', import.meta.url));
const CARS = fileURLToPath(new URL('../../node_modules/vega-datasets/data/cars.json', import.meta.url));
const XGB_RANGES: ParameterRanges = {
  ContinuousParameterRanges: [{ Name: 'eta', MinValue: 0.01, MaxValue: 0.5, ScalingType: 'Logarithmic' }, { Name: 'min_child_weight', MinValue: 0.5, MaxValue: 20, ScalingType: 'Logarithmic' }, { Name: 'subsample', MinValue: 0.5, MaxValue: 1 }],
  IntegerParameterRanges: [{ Name: 'max_depth', MinValue: 1, MaxValue: 8 }],
};
const CASES: Case[] = [
  { name: 'xgboost · loan-approval (binary)', algorithm: 'xgboost', file: LOAN, target: 'approved', task: 'binary', metric: 'validation:auc', ranges: XGB_RANGES, statics: { num_round: 50 } },
  { name: 'xgboost · cars (regression)', algorithm: 'xgboost', file: CARS, target: 'Miles_per_Gallon', task: 'regression', metric: 'validation:rmse', ranges: XGB_RANGES, statics: { num_round: 50 } },
  { name: 'linear-learner · loan-approval', algorithm: 'linear-learner', file: LOAN, target: 'approved', task: 'binary', metric: 'validation:auc',
    ranges: { ContinuousParameterRanges: [{ Name: 'learning_rate', MinValue: 0.0001, MaxValue: 1, ScalingType: 'Logarithmic' }, { Name: 'wd', MinValue: 1e-7, MaxValue: 1, ScalingType: 'Logarithmic' }] },
    statics: { epochs: 10, num_models: 1 } },
];

function trialRunner(tables: JobTables, c: Case): RunTrial {
  return async (trial, hooks) => {
    const r = await runTrainingJob(tables, { algorithm: c.algorithm, hyperparameters: trial.hyperparameters, prepare: { target: c.target, split: { validationFraction: 0.2 } } }, {
      onRound: (round) => hooks.onRound(round.round, round),
    });
    return { metrics: finalMetrics(r.evaluations) };
  };
}

const median = (a: number[]) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const rows: string[][] = [];
for (const c of CASES) {
  const tables: JobTables = { train: await table(c.file) };
  const best: Record<string, number[]> = { Bayesian: [], Random: [] };
  for (let seed = 1; seed <= SEEDS; seed++) {
    for (const Strategy of ['Bayesian', 'Random'] as TuningStrategy[]) {
      const t0 = performance.now();
      const r = await runTuningJob({
        Task: c.task,
        TrainingJobDefinition: { AlgorithmName: c.algorithm, StaticHyperParameters: c.statics },
        HyperParameterTuningJobConfig: {
          Strategy, RandomSeed: seed, ParameterRanges: c.ranges,
          HyperParameterTuningJobObjective: { Type: c.metric.endsWith('auc') ? 'Maximize' : 'Minimize', MetricName: c.metric },
          ResourceLimits: { MaxNumberOfTrainingJobs: TRIALS },
        },
      }, trialRunner(tables, c));
      const v = r.BestTrainingJob?.FinalHyperParameterTuningJobObjectiveMetric?.Value ?? NaN;
      best[Strategy].push(v);
      process.stderr.write(`${c.name} seed ${seed} ${Strategy}: best ${c.metric} ${v.toFixed(5)} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    }
  }
  const maximize = c.metric.endsWith('auc');
  const b = median(best.Bayesian), rnd = median(best.Random);
  const wins = best.Bayesian.filter((v, i) => (maximize ? v > best.Random[i] : v < best.Random[i])).length;
  const winner = b === rnd ? 'tie' : (maximize ? b > rnd : b < rnd) ? 'Bayesian' : 'Random';
  rows.push([c.name, c.metric, b.toFixed(5), rnd.toFixed(5), `${wins}/${SEEDS}`, winner]);
}

const head = ['case', 'objective', `Bayesian (median of ${SEEDS})`, `Random (median of ${SEEDS})`, 'seeds Bayesian better', 'better median'];
console.log(`\nBayesian vs Random, ${TRIALS} trials each, ${SEEDS} seeds\n`);
console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
const lost = rows.filter((r) => r[5] !== 'Bayesian');
console.log(lost.length ? `\nBayesian did not win on: ${lost.map((r) => r[0]).join('; ')}.` : '\nBayesian had the better median on every case.');
