// Where the experiments, registry and lineage records live in a StoreBackend, and under which ids.

/** Collection names. */
export const COLLECTIONS = {
  experiments: 'experiments',
  runs: 'runs',
  modelPackageGroups: 'model-package-groups',
  modelPackages: 'model-packages',
  artifacts: 'lineage-artifacts',
  associations: 'lineage-associations',
  meta: 'meta',
} as const;

/** The id of the record in `meta` that holds the schema version of these collections. */
export const SCHEMA_RECORD_ID = 'experiments-schema';

/** A model package's id: its group and version, as in its ARN. */
export const modelPackageId = (group: string, version: number) => `${group}/${version}`;
