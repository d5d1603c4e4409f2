// The Models view's pure helpers: which runs have a model to register, the key metrics of a version, a downloaded
// model's file name and a lineage record as detail rows.
import { describe, expect, it } from 'vitest';
import type { ArtifactRef, Run } from '../../../../src/lib/experiments/types.ts';
import { modelArtifactsOf, runChoiceLabel, runsWithModels } from '../../../../src/components/models/model-runs.ts';
import { keyMetrics, modelFileName } from '../../../../src/components/models/package-summary.ts';
import { recordFields } from '../../../../src/components/models/record-fields.ts';

const ref = (name: string, stored = true, mediaType = 'application/json'): ArtifactRef => ({ Value: 'a'.repeat(64), MediaType: mediaType, Size: 10, Name: name, Stored: stored });
function run(name: string, over: Partial<Run> = {}): Run {
  return {
    RunName: name, ExperimentName: 'e', DisplayName: name, JobType: 'Training', Status: { PrimaryStatus: 'Completed' },
    CreationTime: '2024-01-01T00:00:00.000Z', StartTime: '2024-01-01T00:00:00.000Z', LastModifiedTime: '2024-01-01T00:00:00.000Z',
    Parameters: {}, InputArtifacts: {}, OutputArtifacts: {}, Metrics: [], MetricSteps: {}, Tags: [], Backend: 'cpu', ...over,
  };
}

describe('model-runs', () => {
  it('modelArtifactsOf lists kept model outputs, model first, and skips hash-only ones and other outputs', () => {
    const r = run('r', { OutputArtifacts: { metrics: ref('metrics.json'), 'model-b': ref('model-b.bin'), model: ref('model.json'), gone: ref('model.ubj', false) } });
    expect(modelArtifactsOf(r)).toEqual(['model', 'model-b']);
    expect(modelArtifactsOf(run('p', { OutputArtifacts: { profile: ref('profile.json') } }))).toEqual([]);
  });

  it('runsWithModels keeps completed runs with a model, newest first, of any job type', () => {
    const out = { model: ref('model.json') };
    const runs = [
      run('old', { OutputArtifacts: out, CreationTime: '2024-01-01T00:00:00.000Z' }),
      run('tune', { JobType: 'Tuning', OutputArtifacts: out, CreationTime: '2024-01-03T00:00:00.000Z' }),
      run('auto', { JobType: 'Autopilot', OutputArtifacts: out, CreationTime: '2024-01-02T00:00:00.000Z' }),
      run('failed', { OutputArtifacts: out, Status: { PrimaryStatus: 'Failed' } }),
      run('profile', { JobType: 'Profile', OutputArtifacts: { profile: ref('profile.json') } }),
    ];
    expect(runsWithModels(runs).map((r) => r.RunName)).toEqual(['tune', 'auto', 'old']);
  });

  it('runChoiceLabel names the job and the algorithm', () => {
    expect(runChoiceLabel(run('t', { DisplayName: 'Tuning xgboost', JobType: 'Tuning', Parameters: { 'mlpad.Algorithm': { StringValue: 'xgboost' } } }))).toBe('Tuning xgboost — tuning job (best model) · xgboost');
    expect(runChoiceLabel(run('x'))).toBe('x — training');
  });
});

describe('package-summary', () => {
  it('keyMetrics prefers final validation metrics, then final test, then the rest, by name', () => {
    const m = { 'validation:logloss': 0.3, 'final.train:auc': 0.99, 'final.validation:auc': 0.91, 'final.validation:accuracy': 0.85, 'final.test:auc': 0.9, bad: Number.NaN };
    expect(keyMetrics(m)).toEqual([{ name: 'final.validation:accuracy', value: 0.85 }, { name: 'final.validation:auc', value: 0.91 }]);
    expect(keyMetrics(m, 4).map((k) => k.name)).toEqual(['final.validation:accuracy', 'final.validation:auc', 'final.test:auc', 'final.train:auc']);
    expect(keyMetrics({}, 2)).toEqual([]);
  });

  it('modelFileName keeps the recorded extension and falls back to .bin', () => {
    const p = { ModelPackageGroupName: 'loan', ModelPackageVersion: 3 };
    expect(modelFileName(p, 'model.json')).toBe('loan-v3-model.json');
    expect(modelFileName(p, 'model')).toBe('loan-v3-model.bin');
    expect(modelFileName(p, 'x.../../evil')).toBe('loan-v3-model.bin');
    expect(modelFileName(p)).toBe('loan-v3-model.bin');
  });
});

describe('recordFields', () => {
  it('shows top-level fields as text, nested values as JSON, skips MetricSteps and cuts long values', () => {
    const f = recordFields({ RunName: 'r', Size: 3, Ok: true, Tags: [], Params: {}, Nested: { a: 1 }, MetricSteps: { x: [1] }, Long: 'x'.repeat(300), Gone: undefined }, 20);
    expect(f).toEqual([
      { key: 'RunName', text: 'r' }, { key: 'Size', text: '3' }, { key: 'Ok', text: 'true' }, { key: 'Tags', text: 'none' }, { key: 'Params', text: 'none' },
      { key: 'Nested', text: '{"a":1}' }, { key: 'Long', text: `${'x'.repeat(19)}…` },
    ]);
    expect(recordFields(undefined)).toEqual([]);
    expect(recordFields([1, 2])).toEqual([]);
    expect(recordFields('<img src=x onerror=alert(1)>')).toEqual([]);
  });
});
