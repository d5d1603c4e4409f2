import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMlpad } from '../cli/run-mlpad.ts';
import { repoPath } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'mlpad-autopilot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LOAN = repoPath('public/samples/loan-approval.csv');

describe('mlpad autopilot', () => {
  it('--report-only writes data-exploration-report.json and prints the problem, objective and findings', async () => {
    const r = await runMlpad('autopilot', '--train', LOAN, '--target', 'approved', '--report-only', '--out', dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('so the problem is BinaryClassification (inferred); "1" is the positive class.\nObjective: F1 (SageMaker\'s default); also possible: Accuracy, AUC, BalancedAccuracy, LogLoss, Precision, Recall.\n');
    expect(r.stdout).toContain('Dropped before training: "applicant_id" (id-column)\n');
    const report = JSON.parse(readFileSync(join(dir, 'data-exploration-report.json'), 'utf8'));
    expect(report).toMatchObject({ format: 'csv', target: 'approved', problemType: 'BinaryClassification', objective: 'F1', rows: 2000, columnCount: 10, problem: { positiveLabel: '1' } });
    expect(report.columns.find((c: { name: string }) => c.name === 'employment_years').missing).toBe(84);
  });

  it('--objective picks another metric and refuses one that does not fit (exit 1)', async () => {
    const ok = await runMlpad('autopilot', '--train', LOAN, '--target', 'approved', '--report-only', '--out', dir, '--objective', 'AUC');
    expect(ok.stdout).toContain('Objective: AUC; also possible: Accuracy, BalancedAccuracy, F1, LogLoss, Precision, Recall.');
    const bad = await runMlpad('autopilot', '--train', LOAN, '--target', 'approved', '--report-only', '--out', dir, '--objective', 'MAE');
    expect(bad).toEqual({ code: 1, stdout: '', stderr: 'mlpad: objective MAE does not apply to BinaryClassification (it is for Regression); choose one of Accuracy, AUC, BalancedAccuracy, F1, LogLoss, Precision, Recall\n' });
  });

  it('a target that is not a column exits 1 and lists the columns', async () => {
    const r = await runMlpad('autopilot', '--train', LOAN, '--target', 'approval', '--report-only', '--out', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mlpad: target "approval" is not a column of the data; columns are "applicant_id", "age", /);
  });

  it('a bad --problem-type is a usage error (exit 2)', async () => {
    const r = await runMlpad('autopilot', '--train', LOAN, '--target', 'approved', '--report-only', '--problem-type', 'Ranking');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--problem-type must be one of BinaryClassification, MulticlassClassification, Regression; got "Ranking"');
  });
});
