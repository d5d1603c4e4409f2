// The Deploy worker's API (workers/deploy.worker.ts): the models made ready to answer requests (by id), the
// studio's table (batch transform's default source, the what-if ranges, replayed traffic), one in-tab
// endpoint with production variants, data capture and an invocation log, a shadow test and a simulated
// traffic shift between two models, and the export files. Only bytes and small summaries cross.
import type { OutputPreview } from '../deploy/transform-preview.ts';
import type { TableInput } from '../data/shared-table.ts';
import type { ModelExample } from '../deploy/example.ts';
import type { Alarm, RolloutResult, ShiftPolicy } from '../deploy/rollout.ts';
import type { ShadowStats } from '../deploy/shadow.ts';
import type { DeployModelFacts, InferenceRequest, InferenceResponse, TransformOptions, TransformReport, VariantStats } from '../deploy/types.ts';

export type { Alarm, RolloutResult, ShiftPolicy, ShadowStats };

/** A model the worker holds, as the view lists it. */
export interface DeployedModelInfo {
  /** The worker's id for it ("m1", "m2", …). */
  id: string;
  /** Where it came from, e.g. "xgboost trained in this tab" or the file's name. */
  name: string;
  facts: DeployModelFacts;
  /** Why SageMaker's hosting artifact (model.tar.gz) cannot be made for it; null when it can. */
  sagemaker: string | null;
}

/** Where batch transform reads its rows. */
export type TransformSource =
  /** The studio's loaded dataset: Arrow IPC bytes, or the shared table itself (read, not copied). */
  | { kind: 'table'; name: string; ipc: TableInput }
  /** A file the user picked: any format the loaders read. */
  | { kind: 'file'; name: string; bytes: Uint8Array };

/** What a batch transform gives back. */
export interface TransformOutcome {
  /** The output file's bytes (UTF-8) and media type. */
  output: Uint8Array;
  contentType: string;
  /** A download name, e.g. "loan-applications.csv.out". */
  fileName: string;
  report: TransformReport;
  /** The first rows of the output as text cells (at most PREVIEW_ROWS), for a table in the view. */
  preview: OutputPreview;
  /** Records the output holds (lines of CSV or JSON Lines, less a header). */
  outputRows: number;
}

/** Output rows shown in the transform preview. */
export const PREVIEW_ROWS = 20;

/** One answer of the endpoint, as the request box shows it. */
export interface InvokeOutcome {
  response: InferenceResponse;
  /** The production variant that answered; null when none could (no variant, all weights zero). */
  variant: string | null;
  /** Wall time of the invocation in the worker, ms. */
  ms: number;
}

/** A variant to deploy: a model the worker holds under a VariantName with a weight. */
export interface VariantSpec {
  name: string;
  modelId: string;
  weight: number;
}

/** One line of the invocation log. */
export interface LogLine {
  /** 1-based invocation number on this endpoint. */
  seq: number;
  /** Epoch ms. */
  at: number;
  variant: string | null;
  status: number;
  ms: number;
  /** The request and response bodies, cut to LOG_BODY_CHARS characters. */
  request: string;
  response: string;
}

/** Characters of a body kept in a log line. */
export const LOG_BODY_CHARS = 200;

/** The endpoint as the view draws it. */
export interface EndpointState {
  /** The variants with their CloudWatch-like counts; [] before Deploy. */
  variants: (VariantStats & { modelId: string })[];
  /** Data capture: on or off, the sampling percentage and the records captured so far. */
  capture: { enabled: boolean; samplingPercent: number; records: number };
  /** The latest invocations, newest first (at most LOG_LINES). */
  log: LogLine[];
}

/** Invocations kept in EndpointState.log. */
export const LOG_LINES = 50;

export type { ModelExample } from '../deploy/example.ts';

/** Rows of the dataset sent as traffic (Send N rows). */
export interface TrafficOutcome {
  sent: number;
  /** Answers by status code, e.g. { 200: 40 }. */
  statuses: Record<number, number>;
  ms: number;
}

/** A shadow test's setup. */
export interface ShadowConfig {
  production: string;
  shadow: string;
  /** The label column of the dataset, for the metric differences; defaults to none. */
  label?: string;
  /** Rows replayed at most; defaults to all. */
  rows?: number;
}

export interface RolloutConfig {
  blue: string;
  green: string;
  policy: ShiftPolicy;
  alarms: Alarm[];
  /** The label column (an accuracy or rmse alarm needs it); defaults to none. */
  label?: string;
}

/** A downloadable file made in the worker. */
export interface DeployFile {
  bytes: Uint8Array;
  fileName: string;
}

/** Progress of a long job: done of total (rows or requests). */
export type DeployProgress = (done: number, total: number) => void;

/** Batch transform's options as the view sets them: SageMaker's, and whether a CSV output starts with a header line. */
export type TransformRequest = TransformOptions & {
  /** Whether a text/csv output starts with a header line; defaults to true (SageMaker writes none). */
  header?: boolean;
};

export interface DeployEngineApi {
  /** The studio's dataset as Arrow IPC (null: none): the what-if ranges, sent rows, shadow tests and roll-outs read it. */
  setTable(ipc: TableInput | null): Promise<void>;
  /** Reads a model file (XGBoost JSON or an mlpad model); rejects naming `name` when it is not one. */
  addModel(bytes: Uint8Array, name: string): Promise<DeployedModelInfo>;
  /** Forgets a model; an endpoint serving it is deleted with it (resolves to whether it was). */
  removeModel(id: string): boolean;
  /** The dataset's first row, ranges and categories for the model's inputs. */
  example(id: string): ModelExample;
  /** Scores every row of `source` with the model in `model`; stateless, so it can run in a worker of its own. */
  transform(model: { bytes: Uint8Array; name: string }, source: TransformSource, options: TransformRequest, onProgress?: DeployProgress): Promise<TransformOutcome>;
  /** Creates (or replaces) the endpoint with these production variants and data capture settings. */
  deploy(variants: VariantSpec[], capture: { enabled: boolean; samplingPercent: number }): EndpointState;
  deleteEndpoint(): EndpointState;
  /** UpdateEndpointWeightsAndCapacities. */
  updateWeights(weights: Record<string, number>): EndpointState;
  invoke(req: InferenceRequest): Promise<InvokeOutcome>;
  /** Sends the dataset's next `n` rows as CSV requests; `onProgress` gets the endpoint's state every few requests. */
  sendRows(n: number, onProgress?: (done: number, total: number, state: EndpointState) => void): Promise<TrafficOutcome>;
  endpointState(): EndpointState;
  /** The data capture file (JSON Lines, UTF-8). */
  captureJsonLines(): Uint8Array;
  /** Replays the dataset through `production` with a shadow copy of each request to `shadow`, and compares them. */
  shadowTest(cfg: ShadowConfig, onProgress?: DeployProgress): Promise<ShadowStats>;
  /** Simulates shifting traffic from blue to green over the dataset's rows replayed in order. */
  rollout(cfg: RolloutConfig): Promise<RolloutResult>;
  /** Trains the algorithm of model `baseId` with its defaults on the dataset with its target shuffled, and adds it. */
  makeBadModel(baseId: string): Promise<{ info: DeployedModelInfo; bytes: Uint8Array }>;
  /** A standalone ES module of the model (predict(row) → result). */
  exportModule(id: string): DeployFile;
  /** SageMaker's hosting artifact model.tar.gz (models whose format SageMaker's container loads). */
  sagemakerArtifact(id: string): Promise<DeployFile>;
}
