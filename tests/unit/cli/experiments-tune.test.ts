// `mlpad tune … --experiment` as a user runs it (a real process: trials run in worker threads): one Tuning run
// with the best model, and one Training run per trial under it, as SageMaker shapes a tuning job.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderBackend } from '../../../src/cli/store-folder.ts';
import { getRun, listRuns } from '../../../src/lib/experiments/index.ts';
import { runArn } from '../../../src/lib/lineage/index.ts';
import { sha256Hex } from '../../../src/lib/store/hash.ts';
import { spawnMlpad } from './spawn-mlpad.ts';

const LOAN = fileURLToPath(new URL('../../../public/samples/loan-approval.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mlpad-experiments-tune-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mlpad tune --experiment', () => {
  it('records the tuning run with its best model and one child run per trial', async () => {
    const r = await spawnMlpad(dir, 'tune', '--train', LOAN, '--target', 'approved', '--range', 'max_depth=2:4', '--hp', 'num_round=5',
      '--max-jobs', '3', '--seed', '1', '--out', 'job', '--experiment', 'loans', '--run', 'tune-1', '--store', 'store');
    expect(r.stderr).toContain('mlpad: recorded tuning run tune-1 with 3 trial runs in experiment loans (store)');
    expect(r.code).toBe(0);
    const s = await FolderBackend.open(join(dir, 'store'));
    const parent = (await getRun(s, 'tune-1'))!;
    expect(parent).toMatchObject({ JobType: 'Tuning', Status: { PrimaryStatus: 'Completed' }, Parameters: { num_round: { NumberValue: 5 }, 'mlpad.Strategy': { StringValue: 'Bayesian' }, 'mlpad.Objective': { StringValue: 'Maximize validation:auc' } } });
    const job = JSON.parse(readFileSync(join(dir, 'job', 'tuning-job.json'), 'utf8'));
    expect(parent.Metrics.find((m) => m.MetricName === 'best:validation:auc')!.Last).toBe(job.BestTrainingJob.FinalHyperParameterTuningJobObjectiveMetric.Value);
    expect(parent.Metrics.find((m) => m.MetricName === 'trial:validation:auc')!.Count).toBe(3);
    expect(parent.OutputArtifacts.model.Value).toBe(await sha256Hex(new Uint8Array(readFileSync(join(dir, 'job', 'model.json')))));
    const children = await listRuns(s, { parent: 'tune-1', sortBy: 'Name', sortOrder: 'Ascending' });
    expect(children.map((c) => c.RunName)).toEqual(['tune-1-001', 'tune-1-002', 'tune-1-003']);
    for (const [i, c] of children.entries()) {
      const trial = job.TrainingJobs[i];
      expect(c).toMatchObject({ JobType: 'Training', DisplayName: trial.TrainingJobName, Source: { SourceType: 'HyperParameterTuningJob', SourceArn: runArn('tune-1') } });
      expect(c.Parameters.max_depth).toEqual({ NumberValue: Number(trial.TunedHyperParameters.max_depth) });
      expect(c.MetricSteps['validation:auc']).toHaveLength(5);
    }
    expect((await listRuns(s, { parent: null })).map((x) => x.RunName)).toEqual(['tune-1']);
  }, 120_000);
});
