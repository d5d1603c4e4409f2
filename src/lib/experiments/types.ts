// The records of SageMaker Experiments as mlpad keeps them: an experiment groups runs, and a run is SageMaker's
// trial component (one job: profile, training, tuning…), with SageMaker's field names. Times are ISO 8601
// strings so records stay plain JSON in every StoreBackend.

/** A SageMaker tag. */
export interface Tag {
  Key: string;
  Value: string;
}

/** The kinds of job a run records; each maps to a SageMaker job (Profile is a processing job). */
export const JOB_TYPES = ['Profile', 'Training', 'Tuning', 'Autopilot', 'Clarify', 'Monitoring', 'Transform'] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** SageMaker's TrialComponentPrimaryStatus, less the transient Stopping. */
export const PRIMARY_STATUSES = ['InProgress', 'Completed', 'Failed', 'Stopped'] as const;
export type PrimaryStatus = (typeof PRIMARY_STATUSES)[number];

export interface RunStatus {
  PrimaryStatus: PrimaryStatus;
  /** Why it failed or stopped, as a sentence. */
  Message?: string;
}

/** A trial component parameter: text or a number, as SageMaker's TrialComponentParameterValue. */
export type ParameterValue = { StringValue: string } | { NumberValue: number };

/** An input or output artifact, by the SHA-256 of its bytes (SageMaker's TrialComponentArtifact, with size and file name). */
export interface ArtifactRef {
  /** The lower-case hex SHA-256 of the bytes; the bytes are a store blob when they were kept. */
  Value: string;
  /** The media type, e.g. 'application/json' or 'text/csv'. */
  MediaType: string;
  /** Bytes. */
  Size: number;
  /** The file name the bytes came from or went to, e.g. 'model.json'. */
  Name: string;
  /** Whether the bytes are stored as a blob (an input dataset may be recorded by hash only). */
  Stored: boolean;
}

/** SageMaker's TrialComponentMetricSummary. */
export interface MetricSummary {
  MetricName: string;
  Min: number;
  Max: number;
  Last: number;
  Count: number;
  Avg: number;
  /** Sample standard deviation; 0 with one value. */
  StdDev: number;
  /** When the last value was logged (ISO 8601). */
  TimeStamp: string;
}

/** One logged value of a metric. */
export interface MetricStep {
  Step: number;
  Value: number;
  /** ISO 8601. */
  Time: string;
}

/** Where a run came from (SageMaker's TrialComponentSource), e.g. the tuning job a trial belongs to. */
export interface RunSource {
  SourceType: string;
  SourceArn: string;
}

/** A group of runs (SageMaker's Experiment). */
export interface Experiment {
  ExperimentName: string;
  DisplayName: string;
  Description?: string;
  Tags: Tag[];
  CreationTime: string;
  LastModifiedTime: string;
}

/** One job (SageMaker's TrialComponent); RunName is unique in a store. */
export interface Run {
  RunName: string;
  ExperimentName: string;
  DisplayName: string;
  JobType: JobType;
  Status: RunStatus;
  CreationTime: string;
  StartTime: string;
  /** Absent while the run is in progress. */
  EndTime?: string;
  LastModifiedTime: string;
  Parameters: Record<string, ParameterValue>;
  InputArtifacts: Record<string, ArtifactRef>;
  OutputArtifacts: Record<string, ArtifactRef>;
  /** One summary per metric, sorted by name. */
  Metrics: MetricSummary[];
  /** Every logged value, by metric name. */
  MetricSteps: Record<string, MetricStep[]>;
  Tags: Tag[];
  /** The compute backend that ran the job: 'cpu', 'wasm', 'webgpu', 'node'…; 'unknown' for runs recorded before mlpad kept it. */
  Backend: string;
  /** The parent job (a tuning job for its trials). */
  Source?: RunSource;
  /** The run this one belongs to (a tuning run for each trial); absent for top-level runs. */
  ParentRunName?: string;
}
