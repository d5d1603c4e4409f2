import { describe, expect, it } from 'vitest';
import { MemoryBackend } from '../../../src/lib/store/memory-backend.ts';
import { sha256Hex } from '../../../src/lib/store/hash.ts';
import { recordRun } from '../../../src/lib/experiments/index.ts';
import { createModelPackageGroup, registerModel } from '../../../src/lib/registry/index.ts';
import { addAssociation, artifactArn, lineageGraph, listAssociations, modelPackageArn, monitorArn, parseArn, runArn } from '../../../src/lib/lineage/index.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

/** dataset → profile run; dataset → training → model → package → monitor; and an unrelated training run on other data. */
async function pipeline() {
  const s = new MemoryBackend();
  const data = { name: 'train', bytes: bytes('x,y\n'), type: 'DataSet', fileName: 'train.csv' };
  await recordRun(s, { RunName: 'profile-1', ExperimentName: 'e', JobType: 'Profile', Backend: 'cpu' }, { inputs: [data] });
  await recordRun(s, { RunName: 'train-1', ExperimentName: 'e', JobType: 'Training', Backend: 'cpu' }, { inputs: [data], outputs: [{ name: 'model', bytes: bytes('m1'), type: 'Model', fileName: 'model.json' }] });
  await recordRun(s, { RunName: 'train-2', ExperimentName: 'e', JobType: 'Training', Backend: 'cpu' }, { inputs: [{ ...data, bytes: bytes('other') }], outputs: [{ name: 'model', bytes: bytes('m2'), type: 'Model' }] });
  await createModelPackageGroup(s, { ModelPackageGroupName: 'g' });
  await registerModel(s, { ModelPackageGroupName: 'g', RunName: 'train-1' });
  await addAssociation(s, { SourceArn: modelPackageArn('g', 1), DestinationArn: monitorArn('nightly'), AssociationType: 'AssociatedWith', DestinationType: 'Monitor' });
  return s;
}

describe('lineage', () => {
  it('parses and builds local ARNs', () => {
    expect(runArn('r-1')).toBe('arn:mlpad:sagemaker:local:local:experiment-trial-component/r-1');
    expect(parseArn(modelPackageArn('g', 3))).toEqual({ kind: 'model-package', name: 'g/3' });
    expect(parseArn('arn:aws:sagemaker:us-east-1:1:experiment/x')).toBeUndefined();
  });

  it('addAssociation refuses foreign ARNs and unknown types with a sentence', async () => {
    const s = new MemoryBackend();
    await expect(addAssociation(s, { SourceArn: 'arn:aws:x', DestinationArn: runArn('a') })).rejects.toThrow('SourceArn "arn:aws:x" is not a local mlpad ARN (arn:mlpad:sagemaker:local:local:KIND/NAME)');
    await expect(addAssociation(s, { SourceArn: runArn('a'), DestinationArn: runArn('b'), AssociationType: 'Likes' as never })).rejects.toThrow('AssociationType must be one of ContributedTo, AssociatedWith, DerivedFrom, Produced; got "Likes"');
    await addAssociation(s, { SourceArn: runArn('a'), DestinationArn: runArn('b') });
    await addAssociation(s, { SourceArn: runArn('a'), DestinationArn: runArn('b') });
    expect(await listAssociations(s)).toMatchObject([{ AssociationType: 'AssociatedWith', SourceType: 'TrialComponent', DestinationType: 'TrialComponent' }]);
  });

  it('the whole graph has every entity, with edges in the direction data flows', async () => {
    const s = await pipeline();
    const g = await lineageGraph(s);
    const data = artifactArn(await sha256Hex(bytes('x,y\n')));
    const m1 = artifactArn(await sha256Hex(bytes('m1')));
    expect(g.nodes.length).toBe(9); // 2 datasets, 3 runs, 2 models, 1 package, 1 monitor
    expect(g.nodes.find((n) => n.id === data)).toEqual({ id: data, kind: 'artifact', type: 'DataSet', label: 'train.csv', record: { collection: 'lineage-artifacts', id: await sha256Hex(bytes('x,y\n')) } });
    expect(g.nodes.find((n) => n.id === runArn('profile-1'))).toMatchObject({ type: 'ProcessingJob', record: { collection: 'runs', id: 'profile-1' } });
    expect(g.nodes.find((n) => n.id === monitorArn('nightly'))).toMatchObject({ type: 'Monitor', label: 'nightly' });
    // DerivedFrom points from the package to the model; drawn from the model to the package.
    expect(g.edges).toContainEqual({ source: m1, target: modelPackageArn('g', 1), type: 'DerivedFrom', association: { SourceArn: modelPackageArn('g', 1), DestinationArn: m1 } });
    expect(g.edges.length).toBe(7); // 2 + 2 from the training runs, 1 from the profile, DerivedFrom, AssociatedWith
  });

  it('the graph of one entity has its ancestors and descendants, not its siblings', async () => {
    const s = await pipeline();
    const g = await lineageGraph(s, runArn('train-1'));
    const data = artifactArn(await sha256Hex(bytes('x,y\n')));
    const m1 = artifactArn(await sha256Hex(bytes('m1')));
    expect(g.nodes.map((n) => n.id).sort()).toEqual([data, runArn('train-1'), m1, modelPackageArn('g', 1), monitorArn('nightly')].sort());
    expect(g.edges.map((e) => `${parseArn(e.source)!.kind}>${parseArn(e.target)!.kind}`).sort()).toEqual(['artifact>experiment-trial-component', 'artifact>model-package', 'experiment-trial-component>artifact', 'model-package>monitoring-schedule']);
    await expect(lineageGraph(s, 'nope')).rejects.toThrow('"nope" is not a local mlpad ARN');
  });
});
