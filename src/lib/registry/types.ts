// SageMaker Model Registry's records as mlpad keeps them: groups of versioned model packages with an approval
// status and its history. A package's model file is a store blob named by its SHA-256.

export const APPROVAL_STATUSES = ['PendingManualApproval', 'Approved', 'Rejected'] as const;
export type ModelApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** One change of approval status. */
export interface ApprovalChange {
  Status: ModelApprovalStatus;
  /** ISO 8601. */
  Time: string;
  Description?: string;
}

export interface ModelPackageGroup {
  ModelPackageGroupName: string;
  ModelPackageGroupArn: string;
  Description?: string;
  CreationTime: string;
  Tags: { Key: string; Value: string }[];
}

export interface ModelPackage {
  ModelPackageGroupName: string;
  /** 1, 2, 3… within the group, in order of registration. */
  ModelPackageVersion: number;
  ModelPackageArn: string;
  ModelPackageDescription?: string;
  ModelApprovalStatus: ModelApprovalStatus;
  /** Every status it has had, oldest first; the last is ModelApprovalStatus. */
  ApprovalHistory: ApprovalChange[];
  CreationTime: string;
  LastModifiedTime: string;
  /** The SHA-256 of the model file, a blob in the store. */
  ModelDataHash: string;
  /** Bytes of the model file. */
  ModelDataSize: number;
  /** The algorithm that trained it ('xgboost', 'linear-learner'…). */
  Algorithm: string;
  /** Final metrics by name (a flattening of SageMaker's ModelMetrics: the Last value of each run metric). */
  ModelMetrics: Record<string, number>;
  /** The run whose output it is, when registered from one. */
  SourceRun?: { ExperimentName: string; RunName: string; ArtifactName: string };
  CustomerMetadataProperties: Record<string, string>;
}
