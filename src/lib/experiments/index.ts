// SageMaker Experiments kept in a StoreBackend: the public API the studio and the CLI use.
export * from './types.ts';
export { ExperimentsError, NotFoundError, ENTITY_NAME } from './validate.ts';
export { COLLECTIONS } from './collections.ts';
export { createExperiment, getExperiment, listExperiments, deleteExperiment, type ExperimentInput, type ListExperimentsOptions } from './experiments.ts';
export { recordRun, startRun, RunRecorder, type RunArtifacts } from './record-run.ts';
export type { RunInput, CompletedRunInput } from './run-input.ts';
export type { ArtifactInput } from './artifacts.ts';
export { getRun, listRuns, deleteRun, collectGarbage, type RunQuery } from './runs.ts';
export { compareRuns, type RunComparison, type ParameterRow, type MetricRow, type MetricCurves } from './compare.ts';
export { summarizeMetric, summarizeMetrics } from './metrics.ts';
export { migrate, schemaVersion, EXPERIMENTS_SCHEMA_VERSION } from './schema.ts';
export { experimentRecordFilter } from './experiment-filter.ts';
