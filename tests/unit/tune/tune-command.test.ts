// `mlpad tune` as a user runs it: a real process through bin/mlpad.js, trials in worker threads, the files
// it writes, and the best model read back by `mlpad predict`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnMlpad } from '../cli/spawn-mlpad.ts';

const LOAN = fileURLToPath(new URL('../../../public/samples/loan-approval.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mlpad-tune-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mlpad = (...args: string[]) => spawnMlpad(dir, ...args);
const json = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));

describe('mlpad tune', () => {
  it('xgboost on loan-approval.csv, 4 Bayesian trials on 2 threads: writes the job, the trials, the best model and its metrics; predict reads the model', async () => {
    const r = await mlpad('tune', '--train', LOAN, '--target', 'approved', '--range', 'eta=0.05:0.5:log', 'max_depth=2:5', '--hp', 'num_round=20',
      '--max-jobs', '4', '--max-parallel', '2', '--seed', '3', '--out', 'loan');
    expect(r.stderr).toMatch(/^mlpad: tuning xgboost \(Bayesian, Maximize validation:auc\) with 2 threads$/m);
    expect(r.code).toBe(0);
    const job = json('loan/tuning-job.json');
    expect(job).toMatchObject({ HyperParameterTuningJobName: 'tuning-job', HyperParameterTuningJobStatus: 'Completed', CompletionReason: 'MaxNumberOfTrainingJobsReached',
      TrainingJobStatusCounters: { Completed: 4, Stopped: 0, NonRetryableError: 0 } });
    expect(job.HyperParameterTuningJobConfig.ParameterRanges.IntegerParameterRanges[0]).toEqual({ Name: 'max_depth', MinValue: '2', MaxValue: '5' });
    const trials = json('loan/trials.json').TrainingJobSummaries;
    expect(trials).toHaveLength(4);
    const aucs = trials.map((t: { FinalHyperParameterTuningJobObjectiveMetric: { Value: number } }) => t.FinalHyperParameterTuningJobObjectiveMetric.Value);
    expect(job.BestTrainingJob.FinalHyperParameterTuningJobObjectiveMetric.Value).toBe(Math.max(...aucs));
    // The per-round objective streamed (eval_metric=auc was added): 20 rounds per trial.
    expect(trials[0].ObjectivePerStep).toHaveLength(20);
    const metrics = json('loan/metrics.json');
    expect(metrics).toMatchObject({ algorithm: 'xgboost', task: 'binary', training_job: job.BestTrainingJob.TrainingJobName, rounds: 20 });
    // metrics.json is the best trial's: its validation AUC is the job's best objective (to float rounding).
    expect(Math.abs(metrics.validation.auc - job.BestTrainingJob.FinalHyperParameterTuningJobObjectiveMetric.Value)).toBeLessThan(1e-12);
    expect(metrics.hyperparameters.eta).toBe(String(Number(job.BestTrainingJob.TunedHyperParameters.eta)));
    expect(JSON.parse(r.stdout).TrainingJobName).toBe(job.BestTrainingJob.TrainingJobName);
    const p = await mlpad('predict', '--model', 'loan/model.json', '--data', LOAN, '--out', 'pred.csv');
    expect(p.code).toBe(0);
    const lines = readFileSync(join(dir, 'pred.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('predicted_label,probability_0,probability_1');
    expect(lines).toHaveLength(2001);
  }, 120_000);

  it('--warm-start seeds a new job with an earlier one (IdenticalDataAndAlgorithm: a parent trial may stay the best); a folder without a job is one line', async () => {
    // Runs after the first test, whose --out loan holds 4 trials.
    const r = await mlpad('tune', '--train', LOAN, '--target', 'approved', '--range', 'eta=0.05:0.5:log', 'max_depth=2:5', '--hp', 'num_round=20',
      '--max-jobs', '2', '--seed', '4', '--warm-start', 'loan', '--name', 'child', '--out', 'warm');
    expect(r.code, r.stderr).toBe(0);
    const parent = json('loan/tuning-job.json');
    const job = json('warm/tuning-job.json');
    expect(job.WarmStartConfig).toEqual({ ParentHyperParameterTuningJobs: [{ HyperParameterTuningJobName: 'tuning-job' }], WarmStartType: 'IdenticalDataAndAlgorithm' });
    expect(job.TrainingJobs).toHaveLength(2);
    // The best over parent and child trials: never worse than the parent's best.
    expect(job.BestTrainingJob.FinalHyperParameterTuningJobObjectiveMetric.Value).toBeGreaterThanOrEqual(parent.BestTrainingJob.FinalHyperParameterTuningJobObjectiveMetric.Value);
    const missing = await mlpad('tune', '--train', LOAN, '--target', 'approved', '--range', 'eta=0.05:0.5:log', '--warm-start', 'nowhere', '--out', 'warm2');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--warm-start nowhere: cannot read nowhere\/tuning-job\.json/);
  }, 120_000);

  it('a range outside the valid range and Grid over a continuous range each get one line and exit 1', async () => {
    const bad = await mlpad('tune', '--train', LOAN, '--target', 'approved', '--range', 'eta=0.1:2', '--out', 'bad');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('the range 0.1:2 of eta leaves its valid range (0, 1]; choose bounds inside it');
    const grid = await mlpad('tune', '--train', LOAN, '--target', 'approved', '--strategy', 'grid', '--range', 'eta=0.1:0.3', '--out', 'bad');
    expect(grid.code).toBe(1);
    expect(grid.stderr).toContain('the Grid strategy needs categorical values, but eta has a continuous range 0.1:0.3');
  }, 60_000);

  it('a trial that fails at run time is Failed with its message and the job goes on (Grid over max_depth with an invalid grow_policy pairing)', async () => {
    // max_depth=0 is only valid with lossguide: the depthwise trial fails when it trains.
    const r = await mlpad('tune', '--train', LOAN, '--target', 'approved', '--strategy', 'grid', '--range', 'max_depth=0,3', '--hp', 'num_round=5', '--out', 'grid');
    const trials = json('grid/trials.json').TrainingJobSummaries;
    expect(trials).toHaveLength(2);
    expect(trials[0]).toMatchObject({ TrainingJobStatus: 'Failed', ObjectiveStatus: 'Failed' });
    expect(trials[0].FailureReason).toMatch(/max_depth/);
    expect(trials[1].TrainingJobStatus).toBe('Completed');
    expect(r.code).toBe(0);
    expect(json('grid/tuning-job.json').CompletionReason).toBe('AllTrainingJobsCompleted');
  }, 60_000);
});
