// The workspace file: export a store (or one experiment) as one zip, inspect it, import it.
export { exportWorkspace, type ExportWorkspaceOptions } from './export-workspace.ts';
export { inspectWorkspace, type InspectWorkspaceOptions, type RecordKey, type WorkspaceSummary } from './inspect-workspace.ts';
export { importWorkspace, type ImportSummary, type ImportWorkspaceOptions } from './import-workspace.ts';
export { referencedBlobHashes } from './referenced-blobs.ts';
export { DEFAULT_LIMITS, WORKSPACE_FORMAT, WORKSPACE_FORMAT_VERSION, WorkspaceFileError, type WorkspaceErrorCode, type WorkspaceLimits, type WorkspaceManifest } from './format.ts';
