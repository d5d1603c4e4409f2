// Which records belong to one experiment, for exporting it alone (a workspace file of one experiment): the
// experiment, its runs, their lineage (associations touching a run, and the artifacts and packages at their
// other ends), the model packages registered from its runs and their groups, and the schema record.
import type { StoreBackend } from '../store/backend.ts';
import { modelPackageArn, parseArn, runArn } from '../lineage/arn.ts';
import type { Association } from '../lineage/types.ts';
import type { ModelPackage } from '../registry/types.ts';
import { COLLECTIONS } from './collections.ts';
import type { Run } from './types.ts';
import { checkName, NotFoundError } from './validate.ts';

/** A record filter (collection, id, value) → keep, for the records of experiment `name`; records of other features are left out. */
export async function experimentRecordFilter(store: StoreBackend, name: string): Promise<(collection: string, id: string, value: unknown) => boolean> {
  checkName(name, 'experiment');
  if (!(await store.get(COLLECTIONS.experiments, name))) throw new NotFoundError(`no experiment named ${name}`);
  const runs = new Set((await store.list(COLLECTIONS.runs)).filter((r) => (r.value as Run).ExperimentName === name).map((r) => r.id));
  const packages = (await store.list(COLLECTIONS.modelPackages)).filter((r) => runs.has((r.value as ModelPackage).SourceRun?.RunName ?? ''));
  const arns = new Set([...[...runs].map(runArn), ...packages.map((p) => modelPackageArn((p.value as ModelPackage).ModelPackageGroupName, (p.value as ModelPackage).ModelPackageVersion))]);
  const associations = new Set<string>();
  const artifacts = new Set<string>();
  for (const r of await store.list(COLLECTIONS.associations)) {
    const a = r.value as Association;
    if (!arns.has(a.SourceArn) && !arns.has(a.DestinationArn)) continue;
    associations.add(r.id);
    for (const end of [a.SourceArn, a.DestinationArn]) { const p = parseArn(end); if (p?.kind === 'artifact') artifacts.add(p.name); }
  }
  for (const p of packages) artifacts.add((p.value as ModelPackage).ModelDataHash);
  const groups = new Set(packages.map((p) => (p.value as ModelPackage).ModelPackageGroupName));
  const packageIds = new Set(packages.map((p) => p.id));
  return (collection, id) => {
    switch (collection) {
      case COLLECTIONS.experiments: return id === name;
      case COLLECTIONS.runs: return runs.has(id);
      case COLLECTIONS.associations: return associations.has(id);
      case COLLECTIONS.artifacts: return artifacts.has(id);
      case COLLECTIONS.modelPackages: return packageIds.has(id);
      case COLLECTIONS.modelPackageGroups: return groups.has(id);
      case COLLECTIONS.meta: return true;
      default: return false;
    }
  };
}
