import { describe, expect, it } from 'vitest';
import { MemoryBackend } from '../../../src/lib/store/memory-backend.ts';
import { sha256Hex } from '../../../src/lib/store/hash.ts';
import { recordRun, deleteRun } from '../../../src/lib/experiments/index.ts';
import { createModelPackageGroup, listModelPackageGroups, listModelPackages, registerModel, updateApprovalStatus, getModelPackage } from '../../../src/lib/registry/index.ts';
import { listAssociations, modelPackageArn, artifactArn } from '../../../src/lib/lineage/index.ts';

const model = new TextEncoder().encode('{"learner":{}}');

async function withRun() {
  const s = new MemoryBackend();
  await recordRun(s, { RunName: 'train-1', ExperimentName: 'e', JobType: 'Training', Backend: 'cpu', Parameters: { 'mlpad.Algorithm': 'xgboost' }, Metrics: { 'validation:auc': [{ Value: 0.8 }, { Value: 0.85 }] } },
    { outputs: [{ name: 'model', bytes: model, type: 'Model' }, { name: 'data-copy', hash: 'a'.repeat(64), size: 3 }] });
  await createModelPackageGroup(s, { ModelPackageGroupName: 'churn-models', Description: 'churn', CreationTime: '2026-01-01T00:00:00Z' });
  return s;
}

describe('model registry', () => {
  it('registers a run\'s model as version 1, 2… with its metrics, algorithm and lineage', async () => {
    const s = await withRun();
    const p1 = await registerModel(s, { ModelPackageGroupName: 'churn-models', RunName: 'train-1', CreationTime: '2026-01-02T00:00:00Z' });
    expect(p1).toMatchObject({
      ModelPackageVersion: 1, ModelPackageArn: 'arn:mlpad:sagemaker:local:local:model-package/churn-models/1', ModelApprovalStatus: 'PendingManualApproval',
      ApprovalHistory: [{ Status: 'PendingManualApproval', Time: '2026-01-02T00:00:00.000Z' }], ModelDataHash: await sha256Hex(model), ModelDataSize: model.length,
      Algorithm: 'xgboost', ModelMetrics: { 'validation:auc': 0.85 }, SourceRun: { ExperimentName: 'e', RunName: 'train-1', ArtifactName: 'model' },
    });
    const p2 = await registerModel(s, { ModelPackageGroupName: 'churn-models', ModelData: new TextEncoder().encode('other'), Algorithm: 'linear-learner' });
    expect(p2.ModelPackageVersion).toBe(2);
    expect(p2.SourceRun).toBeUndefined();
    expect((await listModelPackages(s, { group: 'churn-models', sortOrder: 'Descending' })).map((p) => p.ModelPackageVersion)).toEqual([2, 1]);
    expect(await listAssociations(s, { SourceArn: modelPackageArn('churn-models', 1) })).toMatchObject([{ DestinationArn: artifactArn(await sha256Hex(model)), AssociationType: 'DerivedFrom', SourceType: 'ModelPackage', DestinationType: 'Model' }]);
    expect((await listModelPackageGroups(s)).map((g) => g.ModelPackageGroupName)).toEqual(['churn-models']);
  });

  it('keeps the approval history and filters by status', async () => {
    const s = await withRun();
    await registerModel(s, { ModelPackageGroupName: 'churn-models', RunName: 'train-1', CreationTime: '2026-01-02T00:00:00Z' });
    await updateApprovalStatus(s, 'churn-models', 1, 'Approved', { description: 'auc ok', time: '2026-01-03T00:00:00Z' });
    const p = await updateApprovalStatus(s, 'churn-models', 1, 'Rejected', { time: '2026-01-04T00:00:00Z' });
    expect(p.ApprovalHistory).toEqual([
      { Status: 'PendingManualApproval', Time: '2026-01-02T00:00:00.000Z' },
      { Status: 'Approved', Time: '2026-01-03T00:00:00.000Z', Description: 'auc ok' },
      { Status: 'Rejected', Time: '2026-01-04T00:00:00.000Z' },
    ]);
    expect(await getModelPackage(s, 'churn-models', 1)).toEqual(p);
    expect(await listModelPackages(s, { status: 'Approved' })).toEqual([]);
    expect((await listModelPackages(s, { status: 'Rejected' })).length).toBe(1);
    await expect(updateApprovalStatus(s, 'churn-models', 1, 'Maybe' as never)).rejects.toThrow('ModelApprovalStatus must be one of PendingManualApproval, Approved, Rejected; got "Maybe"');
    await expect(updateApprovalStatus(s, 'churn-models', 7, 'Approved')).rejects.toThrow('no version 7 in model package group churn-models');
  });

  it('refuses a missing group, a missing artifact and a model recorded by hash only', async () => {
    const s = await withRun();
    await expect(registerModel(s, { ModelPackageGroupName: 'nope', RunName: 'train-1' })).rejects.toThrow('no model package group named nope; create it first (createModelPackageGroup)');
    await expect(registerModel(s, { ModelPackageGroupName: 'churn-models', RunName: 'train-1', ArtifactName: 'weights' })).rejects.toThrow('run train-1 has no output artifact weights; its outputs are model, data-copy');
    await expect(registerModel(s, { ModelPackageGroupName: 'churn-models', RunName: 'train-1', ArtifactName: 'data-copy' })).rejects.toThrow("run train-1's data-copy was recorded by hash only; its bytes are not in the store, so it cannot be registered");
    await expect(registerModel(s, { ModelPackageGroupName: 'churn-models' })).rejects.toThrow('registerModel needs RunName (a run with a model artifact) or ModelData (the model bytes), not both');
    await expect(createModelPackageGroup(s, { ModelPackageGroupName: 'churn-models' })).rejects.toThrow('a model package group named churn-models already exists; choose another name');
  });

  it('a registered model keeps its blob after its run is deleted', async () => {
    const s = await withRun();
    await registerModel(s, { ModelPackageGroupName: 'churn-models', RunName: 'train-1' });
    const { deletedBlobs } = await deleteRun(s, 'train-1');
    expect(deletedBlobs).toEqual([]);
    expect(await s.getBlob(await sha256Hex(model))).toBeDefined();
  });
});
