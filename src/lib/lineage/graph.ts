// The lineage graph for a d3 drawing: nodes (datasets, runs, models, model packages, monitors…) and edges drawn
// in the direction data flows (dataset → run → model → package → monitor), each node pointing at its record.
import type { StoreBackend } from '../store/backend.ts';
import { COLLECTIONS, modelPackageId } from '../experiments/collections.ts';
import type { Run } from '../experiments/types.ts';
import { ExperimentsError } from '../experiments/validate.ts';
import type { ModelPackage } from '../registry/types.ts';
import { listAssociations } from './associations.ts';
import { parseArn, runArn, type ArnKind } from './arn.ts';
import { RUN_LINEAGE_TYPES, type AssociationType, type LineageArtifact } from './types.ts';

export interface LineageNode {
  /** The entity's ARN. */
  id: string;
  kind: ArnKind;
  /** 'DataSet', 'Model', 'TrainingJob', 'ModelPackage'… */
  type: string;
  /** What to write on the node: a run's display name, an artifact's file name, 'group v2'. */
  label: string;
  /** Where its record is (undefined for an entity known only from an association). */
  record?: { collection: string; id: string };
}

export interface LineageEdge {
  /** Upstream node id (data flows from here). */
  source: string;
  /** Downstream node id. */
  target: string;
  type: AssociationType;
  /** The association's own SourceArn and DestinationArn (DerivedFrom points upstream, so they are `target` and `source`). */
  association: { SourceArn: string; DestinationArn: string };
}

export interface LineageGraph {
  nodes: LineageNode[];
  edges: LineageEdge[];
}

async function describe(store: StoreBackend, arn: string, runs: Map<string, Run>): Promise<LineageNode | undefined> {
  const parsed = parseArn(arn);
  if (!parsed) return undefined;
  const { kind, name } = parsed;
  if (kind === 'experiment-trial-component') {
    const r = runs.get(name);
    return { id: arn, kind, type: r ? RUN_LINEAGE_TYPES[r.JobType] : 'TrialComponent', label: r?.DisplayName ?? name, ...(r ? { record: { collection: COLLECTIONS.runs, id: name } } : {}) };
  }
  if (kind === 'artifact') {
    const a = (await store.get(COLLECTIONS.artifacts, name)) as LineageArtifact | undefined;
    return { id: arn, kind, type: a?.ArtifactType ?? 'Artifact', label: a?.ArtifactName ?? name.slice(0, 12), ...(a ? { record: { collection: COLLECTIONS.artifacts, id: name } } : {}) };
  }
  if (kind === 'model-package') {
    const slash = name.lastIndexOf('/');
    const id = modelPackageId(name.slice(0, slash), Number(name.slice(slash + 1)));
    const p = (await store.get(COLLECTIONS.modelPackages, id)) as ModelPackage | undefined;
    return { id: arn, kind, type: 'ModelPackage', label: `${name.slice(0, slash)} v${name.slice(slash + 1)}`, ...(p ? { record: { collection: COLLECTIONS.modelPackages, id } } : {}) };
  }
  const collection = kind === 'experiment' ? COLLECTIONS.experiments : kind === 'model-package-group' ? COLLECTIONS.modelPackageGroups : undefined;
  const found = collection ? await store.get(collection, name) : undefined;
  const type = { 'experiment': 'Experiment', 'model-package-group': 'ModelPackageGroup', 'monitoring-schedule': 'Monitor' }[kind];
  return { id: arn, kind, type, label: name, ...(found && collection ? { record: { collection, id: name } } : {}) };
}

/**
 * The whole lineage graph (every association, and every run even without one), or, given `arn`, the entities
 * upstream and downstream of it: its ancestors and descendants, not its siblings. Nodes sorted by id.
 */
export async function lineageGraph(store: StoreBackend, arn?: string): Promise<LineageGraph> {
  if (arn !== undefined && !parseArn(arn)) throw new ExperimentsError(`${JSON.stringify(String(arn).slice(0, 200))} is not a local mlpad ARN (arn:mlpad:sagemaker:local:local:KIND/NAME)`);
  const runs = new Map((await store.list(COLLECTIONS.runs)).map((r) => [r.id, r.value as Run]));
  let edges: LineageEdge[] = (await listAssociations(store)).map((a) => {
    const up = a.AssociationType === 'DerivedFrom';
    return { source: up ? a.DestinationArn : a.SourceArn, target: up ? a.SourceArn : a.DestinationArn, type: a.AssociationType, association: { SourceArn: a.SourceArn, DestinationArn: a.DestinationArn } };
  });
  let ids: Set<string>;
  if (arn === undefined) {
    ids = new Set([...runs.keys()].map(runArn));
    for (const e of edges) { ids.add(e.source); ids.add(e.target); }
  } else {
    ids = new Set([arn]);
    for (const dir of ['up', 'down'] as const) {
      const queue = [arn];
      const seen = new Set([arn]);
      while (queue.length) {
        const at = queue.shift()!;
        for (const e of edges) {
          const next = dir === 'up' ? (e.target === at ? e.source : undefined) : (e.source === at ? e.target : undefined);
          if (next !== undefined && !seen.has(next)) { seen.add(next); ids.add(next); queue.push(next); }
        }
      }
    }
    // Keep only edges along the paths through `arn`: both ends in the set and on the same side of it.
    edges = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  }
  const nodes: LineageNode[] = [];
  for (const id of [...ids].sort()) { const n = await describe(store, id, runs); if (n) nodes.push(n); }
  return { nodes, edges };
}
