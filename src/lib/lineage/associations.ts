// AddAssociation and ListAssociations over a StoreBackend. An association's record id is its two ARNs, so adding
// the same edge twice keeps one.
import type { RecordPut, StoreBackend } from '../store/backend.ts';
import { COLLECTIONS } from '../experiments/collections.ts';
import { checkTime, ExperimentsError } from '../experiments/validate.ts';
import { parseArn, type ArnKind } from './arn.ts';
import { ASSOCIATION_TYPES, type Association, type AssociationType } from './types.ts';

/** What addAssociation takes. */
export interface AssociationInput {
  SourceArn: string;
  DestinationArn: string;
  /** Defaults to 'AssociatedWith'. */
  AssociationType?: AssociationType;
  /** Defaults to the kind of the source ARN (TrialComponent, Artifact, ModelPackage…). */
  SourceType?: string;
  /** Defaults to the kind of the destination ARN. */
  DestinationType?: string;
  /** Defaults to now. */
  CreationTime?: string;
}

const KIND_TYPES: Record<ArnKind, string> = {
  'experiment': 'Experiment',
  'experiment-trial-component': 'TrialComponent',
  'artifact': 'Artifact',
  'model-package-group': 'ModelPackageGroup',
  'model-package': 'ModelPackage',
  'monitoring-schedule': 'MonitoringSchedule',
};

/** The record id of the association from `source` to `destination`. */
export const associationId = (source: string, destination: string) => `${source} ${destination}`;

/** Checks `input` and returns the record put that stores it (for a commit that writes other records too). */
export function associationPut(input: AssociationInput): RecordPut {
  const source = parseArn(input.SourceArn);
  const destination = parseArn(input.DestinationArn);
  if (!source) throw new ExperimentsError(`SourceArn ${JSON.stringify(String(input.SourceArn).slice(0, 200))} is not a local mlpad ARN (arn:mlpad:sagemaker:local:local:KIND/NAME)`);
  if (!destination) throw new ExperimentsError(`DestinationArn ${JSON.stringify(String(input.DestinationArn).slice(0, 200))} is not a local mlpad ARN (arn:mlpad:sagemaker:local:local:KIND/NAME)`);
  if (input.SourceArn === input.DestinationArn) throw new ExperimentsError('an association needs two different entities; SourceArn and DestinationArn are the same');
  const type = input.AssociationType ?? 'AssociatedWith';
  if (!ASSOCIATION_TYPES.includes(type)) throw new ExperimentsError(`AssociationType must be one of ${ASSOCIATION_TYPES.join(', ')}; got ${JSON.stringify(type)}`);
  const value: Association = {
    SourceArn: input.SourceArn,
    DestinationArn: input.DestinationArn,
    AssociationType: type,
    SourceType: input.SourceType ?? KIND_TYPES[source.kind],
    DestinationType: input.DestinationType ?? KIND_TYPES[destination.kind],
    CreationTime: input.CreationTime === undefined ? new Date().toISOString() : checkTime(input.CreationTime, 'CreationTime'),
  };
  return { collection: COLLECTIONS.associations, id: associationId(value.SourceArn, value.DestinationArn), value };
}

/** Records an association between two local ARNs (SageMaker's AddAssociation); an existing one is replaced. */
export async function addAssociation(store: StoreBackend, input: AssociationInput): Promise<Association> {
  const put = associationPut(input);
  await store.commit({ put: [put] });
  return put.value as Association;
}

/** Associations, optionally only those from `SourceArn` and/or to `DestinationArn` (SageMaker's ListAssociations). */
export async function listAssociations(store: StoreBackend, filter: { SourceArn?: string; DestinationArn?: string } = {}): Promise<Association[]> {
  const all = (await store.list(COLLECTIONS.associations)).map((r) => r.value as Association);
  return all.filter((a) => (filter.SourceArn === undefined || a.SourceArn === filter.SourceArn) && (filter.DestinationArn === undefined || a.DestinationArn === filter.DestinationArn));
}

/** Removes the association from `source` to `destination` (SageMaker's DeleteAssociation); an absent one is not an error. */
export async function deleteAssociation(store: StoreBackend, source: string, destination: string): Promise<void> {
  await store.commit({ delete: [{ collection: COLLECTIONS.associations, id: associationId(source, destination) }] });
}
