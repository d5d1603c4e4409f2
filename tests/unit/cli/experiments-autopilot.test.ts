// `mlpad autopilot … --experiment`: one Autopilot run with the best model and the leaderboard, and one Training run
// per candidate under it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderBackend } from '../../../src/cli/store-folder.ts';
import { getRun, listRuns } from '../../../src/lib/experiments/index.ts';
import { sha256Hex } from '../../../src/lib/store/hash.ts';
import { runMlpad } from './run-mlpad.ts';

const LOAN = fileURLToPath(new URL('../../../public/samples/loan-approval.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mlpad-experiments-autopilot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mlpad autopilot --experiment', () => {
  it('records the Autopilot run with the leaderboard and best model, and a run per candidate', async () => {
    const out = join(dir, 'job');
    const r = await runMlpad('autopilot', '--train', LOAN, '--target', 'approved', '--mode', 'hpo', '--max-candidates', '2', '--max-parallel', '1', '--out', out,
      '--experiment', 'loans', '--run', 'auto-1', '--store', join(dir, 'store'));
    expect(r.code).toBe(0);
    const board = JSON.parse(readFileSync(join(out, 'leaderboard.json'), 'utf8'));
    expect(r.stderr).toContain(`mlpad: recorded Autopilot run auto-1 with ${board.Leaderboard.length} candidate runs in experiment loans`);
    const s = await FolderBackend.open(join(dir, 'store'));
    const parent = (await getRun(s, 'auto-1'))!;
    expect(parent).toMatchObject({ JobType: 'Autopilot', Status: { PrimaryStatus: board.AutoMLJobStatus }, Parameters: { 'mlpad.Mode': { StringValue: 'HYPERPARAMETER_TUNING' }, 'mlpad.BestCandidate': { StringValue: board.BestCandidate.CandidateName } } });
    expect(parent.Metrics.find((m) => m.MetricName === `best.test:${board.Objective.MetricName}`)!.Last).toBe(board.BestCandidate.TestObjective);
    expect(parent.OutputArtifacts.model.Value).toBe(await sha256Hex(new Uint8Array(readFileSync(join(out, 'model.json')))));
    expect(parent.OutputArtifacts.leaderboard.Value).toBe(await sha256Hex(new Uint8Array(readFileSync(join(out, 'leaderboard.json')))));
    const children = await listRuns(s, { parent: 'auto-1', sortBy: 'Name', sortOrder: 'Ascending' });
    expect(children.map((c) => c.DisplayName)).toEqual(board.Leaderboard.map((c: { CandidateName: string }) => c.CandidateName));
    expect(children.every((c) => c.Source?.SourceType === 'AutoMLJob')).toBe(true);
  }, 120_000);
});
