// ML Lineage Tracking's records: artifacts (datasets, models… named by content hash) and the associations between
// entities, with SageMaker's association types.

/** SageMaker's association types: Source ContributedTo / AssociatedWith / DerivedFrom (is a modification of) / Produced Destination. */
export const ASSOCIATION_TYPES = ['ContributedTo', 'AssociatedWith', 'DerivedFrom', 'Produced'] as const;
export type AssociationType = (typeof ASSOCIATION_TYPES)[number];

/** An edge of the lineage graph, as SageMaker's AddAssociation stores it. */
export interface Association {
  SourceArn: string;
  DestinationArn: string;
  AssociationType: AssociationType;
  /** What the source is: 'DataSet', 'Model', 'TrainingJob', 'ModelPackage'… */
  SourceType: string;
  DestinationType: string;
  CreationTime: string;
}

/** A lineage artifact (SageMaker's Artifact): bytes known by their SHA-256. */
export interface LineageArtifact {
  ArtifactArn: string;
  /** The file name it was first recorded under. */
  ArtifactName: string;
  /** 'DataSet', 'Model', 'Metrics', 'Report'… */
  ArtifactType: string;
  /** SourceUri is 'sha256:<hash>'. */
  Source: { SourceUri: string };
  Properties: { MediaType: string; Size: string };
  CreationTime: string;
}

/** The lineage type of a run of each job type (SageMaker's job that the run stands for). */
export const RUN_LINEAGE_TYPES: Record<string, string> = {
  Profile: 'ProcessingJob',
  Training: 'TrainingJob',
  Tuning: 'HyperParameterTuningJob',
  Autopilot: 'AutoMLJob',
  Clarify: 'ClarifyJob',
  Monitoring: 'MonitoringJob',
  Transform: 'TransformJob',
};
