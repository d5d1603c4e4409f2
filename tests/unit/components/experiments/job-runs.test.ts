// The studio's own pieces of a run (src/lib/clients/job-runs.ts): experiment names that pass SageMaker's name
// pattern, the dataset storage rule (kept up to 5 MB, hash only above) and tags. What a training, tuning or
// Autopilot job records is the engine's, shared with the CLI: tests/unit/experiments/job-content*.test.ts.
// Exact comparisons.
import { describe, expect, it } from 'vitest';
import { datasetArtifact, experimentNameFor, KEEP_DATASET_BYTES, withTags } from '../../../../src/lib/clients/job-runs.ts';
import { ENTITY_NAME } from '../../../../src/lib/experiments/index.ts';

describe('names', () => {
  it('experimentNameFor turns a dataset name into a valid experiment name, and falls back to studio', () => {
    expect(experimentNameFor('loan-approval.csv')).toBe('loan-approval-csv');
    expect(experimentNameFor('  My data (2024).parquet ')).toBe('My-data-2024-parquet');
    expect(experimentNameFor('Ünïcödé')).toBe('n-c-d');
    expect(experimentNameFor('…')).toBe('studio');
    expect(experimentNameFor(null)).toBe('studio');
    const long = experimentNameFor('x'.repeat(300));
    expect(ENTITY_NAME.test(long)).toBe(true);
  });
});

describe('values', () => {
  it('datasetArtifact keeps the bytes up to 5 MB and records larger data by hash only', () => {
    expect(datasetArtifact(new Uint8Array(KEEP_DATASET_BYTES), 'a.csv').store).toBe(true);
    expect(datasetArtifact(new Uint8Array(KEEP_DATASET_BYTES + 1), 'a.csv').store).toBe(false);
    expect(datasetArtifact(new Uint8Array(1), 'a.csv')).toMatchObject({ name: 'train', fileName: 'a.csv.arrows', type: 'DataSet' });
  });

  it('withTags replaces the tags and moves LastModifiedTime forward', () => {
    const run = { Tags: [{ Key: 'a', Value: '1' }], LastModifiedTime: '2000-01-01T00:00:00.000Z' } as unknown as Parameters<typeof withTags>[0];
    const out = withTags(run, [{ Key: 'b', Value: '' }]);
    expect(out.Tags).toEqual([{ Key: 'b', Value: '' }]);
    expect(out.LastModifiedTime > run.LastModifiedTime).toBe(true);
  });
});
