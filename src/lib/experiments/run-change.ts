// The one atomic change that records a run: its record, its experiment (created on first use, as SageMaker's
// Run does), the blobs of kept artifacts, their lineage artifact records and the associations dataset
// ContributedTo run and run Produced artifact.
import type { RecordPut, StoreBackend, StoreChange } from '../store/backend.ts';
import { associationPut } from '../lineage/associations.ts';
import { artifactArn, runArn } from '../lineage/arn.ts';
import { RUN_LINEAGE_TYPES, type LineageArtifact } from '../lineage/types.ts';
import type { PreparedArtifact } from './artifacts.ts';
import { COLLECTIONS } from './collections.ts';
import { experimentPut, experimentRecord } from './experiments.ts';
import type { Experiment, Run } from './types.ts';

/** The lineage artifact record of a prepared artifact. */
export function lineageArtifact(a: PreparedArtifact, time: string): LineageArtifact {
  return {
    ArtifactArn: artifactArn(a.ref.Value),
    ArtifactName: a.ref.Name,
    ArtifactType: a.type,
    Source: { SourceUri: `sha256:${a.ref.Value}` },
    Properties: { MediaType: a.ref.MediaType, Size: String(a.ref.Size) },
    CreationTime: time,
  };
}

/** The change that writes `run` with its artifacts; `withLineage` false writes only the run and its experiment (an in-progress run). */
export async function runChange(store: StoreBackend, run: Run, inputs: readonly PreparedArtifact[], outputs: readonly PreparedArtifact[], withLineage = true): Promise<StoreChange> {
  const put: RecordPut[] = [{ collection: COLLECTIONS.runs, id: run.RunName, value: run }];
  const existing = (await store.get(COLLECTIONS.experiments, run.ExperimentName)) as Experiment | undefined;
  const experiment = existing ?? experimentRecord({ ExperimentName: run.ExperimentName, CreationTime: run.CreationTime });
  put.push(experimentPut({ ...experiment, LastModifiedTime: run.LastModifiedTime > experiment.LastModifiedTime ? run.LastModifiedTime : experiment.LastModifiedTime }));
  const blobs: { hash: string; bytes: Uint8Array }[] = [];
  if (withLineage) {
    const time = run.EndTime ?? run.LastModifiedTime;
    const seen = new Set<string>();
    const runType = RUN_LINEAGE_TYPES[run.JobType];
    for (const [side, list] of [['input', inputs], ['output', outputs]] as const) {
      for (const a of list) {
        if (a.blob && !blobs.some((b) => b.hash === a.blob!.hash)) blobs.push(a.blob);
        const arn = artifactArn(a.ref.Value);
        let type = a.type;
        if (!seen.has(arn)) {
          seen.add(arn);
          const known = (await store.get(COLLECTIONS.artifacts, a.ref.Value)) as LineageArtifact | undefined;
          if (known) type = known.ArtifactType;
          else put.push({ collection: COLLECTIONS.artifacts, id: a.ref.Value, value: lineageArtifact(a, time) });
        }
        put.push(side === 'input'
          ? associationPut({ SourceArn: arn, DestinationArn: runArn(run.RunName), AssociationType: 'ContributedTo', SourceType: type, DestinationType: runType, CreationTime: time })
          : associationPut({ SourceArn: runArn(run.RunName), DestinationArn: arn, AssociationType: 'Produced', SourceType: runType, DestinationType: type, CreationTime: time }));
      }
    }
  }
  return { put, blobs };
}
