// CreateModelPackageGroup, CreateModelPackage (registerModel, from a run's model artifact or from model bytes),
// UpdateModelPackage's approval status with its history, and the lists, over a StoreBackend.
import type { RecordPut, StoreBackend } from '../store/backend.ts';
import { sha256Hex } from '../store/hash.ts';
import { COLLECTIONS, modelPackageId } from '../experiments/collections.ts';
import { lineageArtifact } from '../experiments/run-change.ts';
import type { Run, Tag } from '../experiments/types.ts';
import { checkName, checkTags, checkTime, ExperimentsError, NotFoundError } from '../experiments/validate.ts';
import { associationPut } from '../lineage/associations.ts';
import { artifactArn, modelPackageArn, modelPackageGroupArn } from '../lineage/arn.ts';
import { APPROVAL_STATUSES, type ModelApprovalStatus, type ModelPackage, type ModelPackageGroup } from './types.ts';

const now = () => new Date().toISOString();

/** Creates a model package group; an existing name is an error. */
export async function createModelPackageGroup(store: StoreBackend, input: { ModelPackageGroupName: string; Description?: string; Tags?: Tag[]; CreationTime?: string }): Promise<ModelPackageGroup> {
  checkName(input?.ModelPackageGroupName, 'ModelPackageGroupName');
  checkTags(input.Tags ?? []);
  if (input.Description !== undefined && (typeof input.Description !== 'string' || input.Description.length > 1024)) throw new ExperimentsError('Description must be text of at most 1024 characters');
  const name = input.ModelPackageGroupName;
  if (await store.get(COLLECTIONS.modelPackageGroups, name)) throw new ExperimentsError(`a model package group named ${name} already exists; choose another name`);
  const group: ModelPackageGroup = {
    ModelPackageGroupName: name, ModelPackageGroupArn: modelPackageGroupArn(name),
    ...(input.Description !== undefined ? { Description: input.Description } : {}),
    CreationTime: input.CreationTime === undefined ? now() : checkTime(input.CreationTime, 'CreationTime'),
    Tags: (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
  };
  await store.commit({ put: [{ collection: COLLECTIONS.modelPackageGroups, id: name, value: group }] });
  return group;
}

/** Model package groups, sorted by name. */
export async function listModelPackageGroups(store: StoreBackend): Promise<ModelPackageGroup[]> {
  return (await store.list(COLLECTIONS.modelPackageGroups)).map((r) => r.value as ModelPackageGroup);
}

/** What registerModel takes: a run (and its output artifact) or the model bytes. */
export interface RegisterModelInput {
  /** The group (created beforehand with createModelPackageGroup). */
  ModelPackageGroupName: string;
  /** The run whose output artifact is the model; give this or ModelData. */
  RunName?: string;
  /** The run's output artifact that holds the model; defaults to 'model'. */
  ArtifactName?: string;
  /** The model file's bytes, when not registering from a run. */
  ModelData?: Uint8Array;
  /** Defaults to the run's 'mlpad.Algorithm' parameter, else 'unknown'. */
  Algorithm?: string;
  /** Defaults to the Last value of each of the run's metrics (none without a run). */
  ModelMetrics?: Record<string, number>;
  /** Defaults to PendingManualApproval, as SageMaker. */
  ModelApprovalStatus?: ModelApprovalStatus;
  /** Defaults to none. */
  ModelPackageDescription?: string;
  /** Defaults to none. */
  CustomerMetadataProperties?: Record<string, string>;
  /** Defaults to now. */
  CreationTime?: string;
}

function checkStatus(s: unknown): asserts s is ModelApprovalStatus {
  if (!APPROVAL_STATUSES.includes(s as ModelApprovalStatus)) throw new ExperimentsError(`ModelApprovalStatus must be one of ${APPROVAL_STATUSES.join(', ')}; got ${JSON.stringify(s)}`);
}

/** Registers a model as the group's next version, with the lineage 'package DerivedFrom model', in one commit. */
export async function registerModel(store: StoreBackend, input: RegisterModelInput): Promise<ModelPackage> {
  checkName(input?.ModelPackageGroupName, 'ModelPackageGroupName');
  const group = input.ModelPackageGroupName;
  if (!(await store.get(COLLECTIONS.modelPackageGroups, group))) throw new NotFoundError(`no model package group named ${group}; create it first (createModelPackageGroup)`);
  if ((input.RunName === undefined) === (input.ModelData === undefined)) throw new ExperimentsError('registerModel needs RunName (a run with a model artifact) or ModelData (the model bytes), not both');
  const status = input.ModelApprovalStatus ?? 'PendingManualApproval';
  checkStatus(status);
  for (const [k, v] of Object.entries(input.CustomerMetadataProperties ?? {})) if (typeof v !== 'string' || k.length < 1 || k.length > 128 || v.length > 256) throw new ExperimentsError('CustomerMetadataProperties: keys must be 1 to 128 characters and values text of at most 256');
  const time = input.CreationTime === undefined ? now() : checkTime(input.CreationTime, 'CreationTime');
  const put: RecordPut[] = [];
  const blobs: { hash: string; bytes: Uint8Array }[] = [];
  let hash: string, size: number, run: Run | undefined, artifactName = input.ArtifactName ?? 'model';
  if (input.RunName !== undefined) {
    checkName(input.RunName, 'RunName');
    run = (await store.get(COLLECTIONS.runs, input.RunName)) as Run | undefined;
    if (!run) throw new NotFoundError(`no run named ${input.RunName}`);
    const ref = run.OutputArtifacts[artifactName];
    if (!ref) throw new ExperimentsError(`run ${run.RunName} has no output artifact ${artifactName}; its outputs are ${Object.keys(run.OutputArtifacts).join(', ') || 'none'}`);
    if (!(await store.getBlob(ref.Value))) throw new ExperimentsError(`run ${run.RunName}'s ${artifactName} was recorded by hash only; its bytes are not in the store, so it cannot be registered`);
    hash = ref.Value; size = ref.Size;
  } else {
    if (!(input.ModelData instanceof Uint8Array)) throw new ExperimentsError('ModelData must be a Uint8Array of the model file');
    hash = await sha256Hex(input.ModelData); size = input.ModelData.length; artifactName = 'model';
    blobs.push({ hash, bytes: input.ModelData });
    if (!(await store.get(COLLECTIONS.artifacts, hash))) {
      put.push({ collection: COLLECTIONS.artifacts, id: hash, value: lineageArtifact({ name: 'model', type: 'Model', ref: { Value: hash, MediaType: 'application/octet-stream', Size: size, Name: 'model', Stored: true } }, time) });
    }
  }
  const metrics = input.ModelMetrics ?? Object.fromEntries((run?.Metrics ?? []).map((m) => [m.MetricName, m.Last]));
  for (const [k, v] of Object.entries(metrics)) if (typeof v !== 'number' || !Number.isFinite(v)) throw new ExperimentsError(`ModelMetrics.${k} must be a finite number`);
  const algoParam = run?.Parameters['mlpad.Algorithm'];
  const algorithm = input.Algorithm ?? (algoParam && 'StringValue' in algoParam ? algoParam.StringValue : 'unknown');
  const versions = (await store.list(COLLECTIONS.modelPackages)).map((r) => r.value as ModelPackage).filter((p) => p.ModelPackageGroupName === group).map((p) => p.ModelPackageVersion);
  const version = Math.max(0, ...versions) + 1;
  const pkg: ModelPackage = {
    ModelPackageGroupName: group, ModelPackageVersion: version, ModelPackageArn: modelPackageArn(group, version),
    ...(input.ModelPackageDescription !== undefined ? { ModelPackageDescription: String(input.ModelPackageDescription).slice(0, 1024) } : {}),
    ModelApprovalStatus: status, ApprovalHistory: [{ Status: status, Time: time }], CreationTime: time, LastModifiedTime: time,
    ModelDataHash: hash, ModelDataSize: size, Algorithm: algorithm, ModelMetrics: { ...metrics },
    ...(run ? { SourceRun: { ExperimentName: run.ExperimentName, RunName: run.RunName, ArtifactName: artifactName } } : {}),
    CustomerMetadataProperties: { ...(input.CustomerMetadataProperties ?? {}) },
  };
  put.push({ collection: COLLECTIONS.modelPackages, id: modelPackageId(group, version), value: pkg });
  put.push(associationPut({ SourceArn: pkg.ModelPackageArn, DestinationArn: artifactArn(hash), AssociationType: 'DerivedFrom', SourceType: 'ModelPackage', DestinationType: 'Model', CreationTime: time }));
  await store.commit({ put, blobs });
  return pkg;
}

/** The package, or undefined. */
export async function getModelPackage(store: StoreBackend, group: string, version: number): Promise<ModelPackage | undefined> {
  checkName(group, 'ModelPackageGroupName');
  return (await store.get(COLLECTIONS.modelPackages, modelPackageId(group, version))) as ModelPackage | undefined;
}

/** Sets a package's approval status, appending to its history; resolves to the updated package. */
export async function updateApprovalStatus(store: StoreBackend, group: string, version: number, status: ModelApprovalStatus, options: { description?: string; time?: string } = {}): Promise<ModelPackage> {
  checkStatus(status);
  const pkg = await getModelPackage(store, group, version);
  if (!pkg) throw new NotFoundError(`no version ${version} in model package group ${group}`);
  const time = options.time === undefined ? now() : checkTime(options.time, 'time');
  const updated: ModelPackage = {
    ...pkg, ModelApprovalStatus: status, LastModifiedTime: time,
    ApprovalHistory: [...pkg.ApprovalHistory, { Status: status, Time: time, ...(options.description ? { Description: String(options.description).slice(0, 1024) } : {}) }],
  };
  await store.commit({ put: [{ collection: COLLECTIONS.modelPackages, id: modelPackageId(group, version), value: updated }] });
  return updated;
}

/** Model packages, optionally of one group and/or one status, sorted by group then version (Descending: newest version first). */
export async function listModelPackages(store: StoreBackend, filter: { group?: string; status?: ModelApprovalStatus; sortOrder?: 'Ascending' | 'Descending' } = {}): Promise<ModelPackage[]> {
  if (filter.group !== undefined) checkName(filter.group, 'group');
  if (filter.status !== undefined) checkStatus(filter.status);
  const sign = (filter.sortOrder ?? 'Ascending') === 'Ascending' ? 1 : -1;
  return (await store.list(COLLECTIONS.modelPackages)).map((r) => r.value as ModelPackage)
    .filter((p) => (filter.group === undefined || p.ModelPackageGroupName === filter.group) && (filter.status === undefined || p.ModelApprovalStatus === filter.status))
    .sort((a, b) => (a.ModelPackageGroupName < b.ModelPackageGroupName ? -1 : a.ModelPackageGroupName > b.ModelPackageGroupName ? 1 : sign * (a.ModelPackageVersion - b.ModelPackageVersion)));
}
